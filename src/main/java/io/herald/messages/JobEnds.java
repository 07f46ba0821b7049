package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** What a job's end (cancelled, past its end time) does to its messages that have not gone yet. */
public final class JobEnds {
  private JobEnds() {}

  /**
   * Ends the queued messages of the jobs jobCondition picks (a condition on the jobs table, its
   * parameters in args) in state, with an event saying why; answers the messages that changed.
   */
  public static Future<List<Transition>> endQueued(SqlClient tx, String jobCondition, Tuple args,
                                                   MessageState state, String detail) {
    int next = args.size() + 1;
    Tuple all = args.addString(state.dbName()).addString(detail);
    return tx.preparedQuery("""
            WITH d AS (
              -- a message on its way (leased) is left to its outcome
              DELETE FROM message_queue WHERE lease_until IS NULL AND job_id IN (SELECT id FROM jobs WHERE %s)
              RETURNING message_id),
            u AS (
              UPDATE messages m SET state = $%d, updated_at = now(), error_detail = $%d
              FROM d WHERE m.id = d.message_id AND m.state = 'queued'
              RETURNING m.id, m.job_id, m.state, m.smsc),
            e AS (INSERT INTO message_events (message_id, state, detail) SELECT id, state, $%d FROM u)
            SELECT id, job_id, state, smsc FROM u""".formatted(jobCondition, next, next + 1, next + 1))
        .execute(all)
        .map(rows -> {
          List<Transition> list = new ArrayList<>();
          for (Row r : rows) {
            list.add(new Transition(r.getLong("id"), r.getLong("job_id"), MessageState.fromDb(r.getString("state")), r.getString("smsc")));
          }
          return list;
        });
  }

}
