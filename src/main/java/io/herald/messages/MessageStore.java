package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes new messages and their places in the queue: one statement per batch (arrays + unnest),
 * inside the caller's transaction.
 */
public final class MessageStore {
  private static final String INSERT = """
      WITH m AS (
        INSERT INTO messages (account_id, job_id, lane, sender, recipient, body, encoding, segments, not_before,
                              time_zone, recipient_name)
        SELECT a, j, l, s, r, b, e, g, coalesce(nb, now()), tz, n
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::smallint[], $9::timestamptz[], $10::text[], $11::text[]) AS x(a, j, l, s, r, b, e, g, nb, tz, n)
        RETURNING id, job_id, account_id, lane, not_before),
      q AS (INSERT INTO message_queue (message_id, job_id, account_id, lane, not_before)
            SELECT id, job_id, account_id, lane, not_before FROM m)
      SELECT id FROM m ORDER BY id""";


  private final Pool pool;

  public MessageStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** Queues the messages; returns their ids in the order given. */
  public Future<List<Long>> insert(SqlClient client, List<NewMessage> messages) {
    int n = messages.size();
    Long[] accounts = new Long[n];
    Long[] jobs = new Long[n];
    String[] lanes = new String[n];
    String[] senders = new String[n];
    String[] recipients = new String[n];
    String[] bodies = new String[n];
    String[] encodings = new String[n];
    Short[] segments = new Short[n];
    OffsetDateTime[] notBefore = new OffsetDateTime[n];
    String[] zones = new String[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      NewMessage m = messages.get(i);
      notBefore[i] = m.notBefore() == null ? null : m.notBefore().atOffset(ZoneOffset.UTC);
      zones[i] = m.timeZone();
      names[i] = m.recipientName();
      accounts[i] = m.accountId();
      jobs[i] = m.jobId();
      lanes[i] = m.lane();
      senders[i] = m.sender();
      recipients[i] = m.recipient();
      bodies[i] = m.body();
      encodings[i] = m.encoding();
      segments[i] = (short) m.segments();
    }
    return client.preparedQuery(INSERT)
        .execute(ArrayParams.tuple(accounts, jobs, lanes, senders, recipients, bodies, encodings, segments, notBefore, zones, names))
        .map(rows -> {
          List<Long> ids = new ArrayList<>(n);
          rows.forEach(r -> ids.add(r.getLong(0)));
          return ids;
        });
  }
}
