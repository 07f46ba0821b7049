package io.herald.messages;

/**
 * A claimed message stays queued in its row until its outcome; its lease in the queue says it is on
 * its way. Counts of a job's messages (kept per state in job_counts) tell queued from sending with
 * this: the job's leased messages, a few hundred at most, found through the queue's lease index.
 */
public final class QueueLeases {
  private QueueLeases() {}

  /** SQL: how many of the job's messages are leased; jobIdColumn names the job id in the outer query. */
  public static String leasedOf(String jobIdColumn) {
    return "(SELECT count(*) FROM message_queue q WHERE q.job_id = " + jobIdColumn + " AND q.lease_until IS NOT NULL)";
  }
}
