package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends submitted messages whose receipt did not come within their connection's receipt timeout as
 * {@link MessageState#UNKNOWN}, with an event saying so. A batch at a time, oldest first; rows
 * another writer holds are left for the next round.
 */
public final class ReceiptTimeouts {
  public static final int BATCH = 5_000;

  private static final String SETTLE = """
      WITH t AS (SELECT * FROM unnest($1::text[], $2::int[]) AS t(smsc, hours)),
      due AS (
        SELECT m.id, coalesce(t.hours, $3) AS hours FROM receipt_waits w JOIN messages m ON m.id = w.message_id
          LEFT JOIN t ON t.smsc = w.smsc
        WHERE w.submitted_at < now() - make_interval(hours => $4)
          AND w.submitted_at < now() - make_interval(hours => coalesce(t.hours, $3))
        ORDER BY w.submitted_at LIMIT $5
        FOR UPDATE OF m SKIP LOCKED),
      waited AS (DELETE FROM receipt_waits w USING due WHERE w.message_id = due.id),
      u AS (
        UPDATE messages m SET state = 'unknown', updated_at = now(),
               error_detail = 'no delivery receipt within ' || due.hours || ' hours of the submit (receiptTimeoutHours)'
        FROM due WHERE m.id = due.id AND m.state = 'submitted'
        RETURNING m.id, m.job_id, m.smsc, m.error_detail),
      e AS (INSERT INTO message_events (message_id, state, detail) SELECT id, 'unknown', error_detail FROM u)
      SELECT id, job_id, smsc FROM u""";

  private final Pool pool;
  private final Map<String, Integer> hoursBySmsc;
  private final int otherHours;

  /** hoursBySmsc: each connection's timeout; otherHours for messages sent through a connection no longer configured. */
  public ReceiptTimeouts(Pool pool, Map<String, Integer> hoursBySmsc, int otherHours) {
    this.pool = pool;
    this.hoursBySmsc = Map.copyOf(hoursBySmsc);
    this.otherHours = otherHours;
  }

  /** One batch: the messages it ended. Fewer than a batch means none is left for now. */
  public Future<List<Transition>> settle() {
    String[] names = hoursBySmsc.keySet().toArray(String[]::new);
    Integer[] hours = new Integer[names.length];
    int shortest = otherHours;
    for (int i = 0; i < names.length; i++) {
      hours[i] = hoursBySmsc.get(names[i]);
      shortest = Math.min(shortest, hours[i]);
    }
    return pool.preparedQuery(SETTLE)
        .execute(Tuple.tuple().addValue(names).addValue(hours).addInteger(otherHours).addInteger(shortest).addInteger(BATCH))
        .map(rows -> {
          List<Transition> ended = new ArrayList<>(rows.size());
          for (Row r : rows) {
            ended.add(new Transition(r.getLong("id"), r.getLong("job_id"), MessageState.UNKNOWN, r.getString("smsc")));
          }
          return ended;
        });
  }
}
