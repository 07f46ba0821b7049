package io.herald.jobs;

import io.vertx.core.json.JsonObject;

/**
 * A send's progress from its job (an alert, a broadcast), and when done the green or red line its
 * activity list shows: status, pending, failed, sent, progress, line.
 */
public final class JobLine {
  private JobLine() {}

  public static void apply(JsonObject alert, JsonObject job) {
    JsonObject c = job.getJsonObject("counts");
    long pending = c.getLong("queued", 0L) + c.getLong("sending", 0L);
    long failed = c.getLong("failed", 0L) + c.getLong("undeliverable", 0L) + c.getLong("expired", 0L)
        + c.getLong("cancelled", 0L) + c.getLong("skipped", 0L);
    long total = job.getLong("total");
    boolean done = !"running".equals(job.getString("status")) && !"scheduled".equals(job.getString("status"))
        && !"paused".equals(job.getString("status"));
    alert.put("status", done ? "done" : "sending").put("pending", pending).put("failed", failed)
        .put("sent", total - pending - failed).put("progress", job.getDouble("progress"));
    if (!done) {
      alert.putNull("line");
    } else if (failed == 0) {
      alert.put("line", new JsonObject().put("ok", true).put("text", total == 1 ? "The message was sent" : "All " + total + " messages were sent"));
    } else {
      alert.put("line", new JsonObject().put("ok", false).put("text", failed + " of " + total + " messages failed"));
    }
  }
}
