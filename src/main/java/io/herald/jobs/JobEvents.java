package io.herald.jobs;

import io.vertx.core.json.JsonObject;

/**
 * What happens to jobs, on the event bus. Bodies are JSON, so a clustered event bus or
 * PostgreSQL LISTEN/NOTIFY can carry them as they are. A job-less text (a single message, a
 * keyword's answer) has no jobId.
 */
public final class JobEvents {
  /** Messages were queued: {accountId, jobId?, queued}. Published by the intake after its commit. */
  public static final String QUEUED = "jobs.queued";
  /** A job's state changed so that what may be sent changed (resumed, started): {accountId, jobId}. */
  public static final String CHANGED = "jobs.changed";
  /** Jobs ended with nothing left to send: {jobIds}. Published by dispatch. */
  public static final String COMPLETED = "jobs.completed";

  /** A job paused itself: {accountId, jobId, name, reason, at}. Published by dispatch. */
  public static final String PAUSED = "jobs.paused";

  private JobEvents() {}

  public static JsonObject queued(long accountId, Long jobId, long queued) {
    return new JsonObject().put("accountId", accountId).put("jobId", jobId).put("queued", queued);
  }

  public static JsonObject paused(long accountId, long jobId, String name, String reason, java.time.Instant at) {
    return new JsonObject().put("accountId", accountId).put("jobId", jobId).put("name", name).put("reason", reason)
        .put("at", at.toString());
  }

  public static JsonObject changed(long accountId, long jobId) {
    return new JsonObject().put("accountId", accountId).put("jobId", jobId);
  }
}
