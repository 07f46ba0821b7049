package io.herald.jobs;

import io.herald.messages.MessageState;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** A job row as the API shows it: its settings, times, and counts by message state. */
final class JobJson {
  private JobJson() {}

  static JsonObject of(Row r) {
    JsonObject counts = new JsonObject(r.getJsonObject("counts") == null ? new JsonObject().getMap()
        : r.getJsonObject("counts").getMap());
    long total = 0;
    long done = 0;
    for (MessageState state : MessageState.values()) {
      long n = counts.getLong(state.dbName(), 0L);
      counts.put(state.dbName(), n);
      total += n;
      if (state.isTerminal()) {
        done += n;
      }
    }
    Object schedule = r.getValue("schedule");
    JsonObject job = new JsonObject()
        .put("id", r.getLong("id"))
        .put("accountId", r.getLong("account_id"))
        .put("name", r.getString("name"))
        .put("kind", r.getString("kind"))
        .put("lane", r.getString("lane"))
        .put("status", r.getString("status"))
        .put("from", r.getString("sender"))
        .put("schedule", schedule)
        .put("startAt", text(r.getOffsetDateTime("start_at")))
        .put("firstSendAt", "scheduled".equals(r.getString("status")) ? firstSend(r) : null)
        .put("endAt", text(r.getOffsetDateTime("end_at")))
        .put("createdAt", text(r.getOffsetDateTime("created_at")))
        .put("startedAt", text(r.getOffsetDateTime("started_at")))
        .put("finishedAt", text(r.getOffsetDateTime("finished_at")))
        .put("total", total)
        .put("done", done)
        .put("progress", total == 0 ? 1.0 : Math.round(10_000.0 * done / total) / 10_000.0)
        .put("counts", counts)
        .put("pausedReason", "paused".equals(r.getString("status")) ? r.getString("paused_reason") : null);
    if (Boolean.TRUE.equals(r.getBoolean("account_disabled")) && List.of("running", "scheduled").contains(r.getString("status"))) {
      job.put("held", "the account is disabled: nothing is sent until an operator enables it again");
    }
    return job;
  }

  /**
   * When a scheduled job will send its first text: its start, or the first opening of its weekly
   * window after it, in the account's time zone (a recipient with a zone of their own may come later).
   */
  private static String firstSend(Row r) {
    OffsetDateTime start = r.getOffsetDateTime("start_at");
    if (start == null) {
      return null;
    }
    WeeklySchedule schedule = JobStore.schedule(r.getValue("schedule"));
    Instant first = schedule == null ? start.toInstant()
        : schedule.nextOpening(start.toInstant(), ZoneId.of(r.getString("zone")));
    return first == null ? null : first.toString();
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
