package io.herald.inbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Which account a reply belongs to when a sender address is shared: a job that locks its
 * conversations makes replies from its recipients to its sender the job's account's.
 */
public final class ConversationLocks {
  /** Replies from the job's recipients to its sender belong to the job's account from now on. */
  public Future<Void> lock(SqlClient tx, long jobId) {
    return tx.preparedQuery("""
            INSERT INTO conversation_locks (sender, recipient, account_id, job_id)
            SELECT sender, recipient, account_id, job_id FROM messages WHERE job_id = $1
            ON CONFLICT (sender, recipient) DO UPDATE
              SET account_id = excluded.account_id, job_id = excluded.job_id, locked_at = now()""")
        .execute(Tuple.of(jobId)).mapEmpty();
  }
}
