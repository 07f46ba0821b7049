package io.herald.campaigns;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a list and a campaign show: Scheduled / In progress / Paused / Completed / Ended / Cancelled
 * (Refused for a list that was not taken), and the counts a campaign is judged by. A list that
 * reached its end before everyone was contacted is Ended, its unsent texts "not contacted".
 */
final class ListStatus {
  static final String REFUSED = "Refused";
  private static final List<String> LIVE = List.of("In progress", "Paused", "Scheduled");

  private ListStatus() {}

  /** job: the list's job as the jobs API shows it (status, counts by state). */
  static String of(JsonObject job) {
    JsonObject c = job.getJsonObject("counts");
    return switch (job.getString("status")) {
      case "scheduled" -> "Scheduled";
      case "running" -> "In progress";
      case "paused" -> "Paused";
      case "cancelled" -> "Cancelled";
      default -> c.getLong("expired", 0L) > 0 ? "Ended" : "Completed";
    };
  }

  static JsonObject counts(CampaignList list, JsonObject job, long replied) {
    JsonObject c = job == null ? new JsonObject() : job.getJsonObject("counts");
    long delivered = c.getLong("delivered", 0L);
    long undeliverable = c.getLong("undeliverable", 0L);
    return new JsonObject()
        .put("recipients", (long) list.recipients())
        .put("sent", c.getLong("submitted", 0L) + delivered + undeliverable + c.getLong("unknown", 0L))
        .put("delivered", delivered)
        .put("failed", c.getLong("failed", 0L) + undeliverable)
        .put("notContacted", c.getLong("expired", 0L) + c.getLong("cancelled", 0L) + c.getLong("skipped", 0L)
            + list.optedOut())
        .put("replied", replied);
  }

  static JsonObject add(JsonObject total, JsonObject counts) {
    counts.fieldNames().forEach(k -> total.put(k, total.getLong(k, 0L) + counts.getLong(k)));
    return total;
  }

  /** A campaign has gone through every list when none is live; Cancelled only when every list was. */
  static String campaign(String state, List<String> lists) {
    if ("archived".equals(state)) {
      return "Archived";
    }
    List<String> taken = lists.stream().filter(s -> !REFUSED.equals(s)).toList();
    if (taken.isEmpty()) {
      return "No recipients";
    }
    if ("paused".equals(state)) {
      return "Paused";
    }
    for (String live : LIVE) {
      if (taken.contains(live)) {
        return live;
      }
    }
    return taken.stream().allMatch("Cancelled"::equals) ? "Cancelled" : "Completed";
  }
}
