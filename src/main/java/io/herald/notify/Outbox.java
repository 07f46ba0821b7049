package io.herald.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for the outbox: mails written once per event and address, claimed under a lease, then settled. */
public final class Outbox {
  private static final String COLUMNS = """
      id, event_key, kind, account_id, recipient, subject, text_body, html_body, status, attempts, next_attempt_at,
      last_error, created_at, sent_at""";
  /** A mail claimed by a node that then died is offered again after this. */
  private static final int LEASE_SECONDS = 120;

  private final Pool pool;

  public Outbox(Pool pool) {
    this.pool = pool;
  }

  /** Writes one row per address; an address this event already mailed is left alone. Returns the rows written. */
  Future<Integer> add(Mail mail, List<String> recipients, String htmlBody, String textBody) {
    if (recipients.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery("""
            INSERT INTO outbox (event_key, kind, account_id, recipient, subject, text_body, html_body)
            SELECT $1, $2, $3, r, $5, $6, $7 FROM unnest($4::text[]) AS r
            ON CONFLICT (event_key, recipient) DO NOTHING""")
        .execute(Tuple.of(mail.eventKey(), mail.kind().key(), mail.accountId(), recipients.toArray(String[]::new),
            mail.subject(), textBody, htmlBody))
        .map(RowSet::rowCount);
  }

  /** Due mails for this node to send, leased so that no other node sends them meanwhile. */
  Future<List<OutboxEntry>> claim(int limit) {
    return pool.preparedQuery("""
            UPDATE outbox SET status = 'sending', attempts = attempts + 1,
                   lease_until = now() + make_interval(secs => $2)
            WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING""" + " " + COLUMNS)
        .execute(Tuple.of(limit, LEASE_SECONDS)).map(Outbox::entries);
  }

  Future<Void> sent(long id) {
    return settle("UPDATE outbox SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1",
        Tuple.of(id));
  }

  Future<Void> later(long id, Instant at, String error) {
    return settle("""
            UPDATE outbox SET status = 'pending', next_attempt_at = $2, lease_until = NULL, last_error = $3
            WHERE id = $1""", Tuple.of(id, at.atOffset(ZoneOffset.UTC), error));
  }

  Future<Void> failed(long id, String error) {
    return settle("UPDATE outbox SET status = 'failed', lease_until = NULL, last_error = $2 WHERE id = $1",
        Tuple.of(id, error));
  }

  /** Mails whose sender stopped mid-way (a crash, a restart) go back to the queue. */
  Future<Integer> recoverLeases() {
    return pool.query("UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'sending' AND lease_until < now()")
        .execute().map(RowSet::rowCount);
  }

  /** An operator sends a mail that was given up on again. */
  public Future<Boolean> retry(long id) {
    return pool.preparedQuery("""
            UPDATE outbox SET status = 'pending', next_attempt_at = now(), attempts = 0
            WHERE id = $1 AND status = 'failed'""")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  /** Newest first; status filters when given; before pages by id. */
  public Future<List<OutboxEntry>> list(String status, Long before, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + """
             FROM outbox WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3""")
        .execute(Tuple.of(status, before, limit)).map(Outbox::entries);
  }

  /** Mails by status, every status present. */
  public Future<Map<String, Long>> counts() {
    return pool.query("SELECT status, count(*) FROM outbox GROUP BY status").execute().map(rows -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String s : List.of("pending", "sending", "sent", "failed")) {
        counts.put(s, 0L);
      }
      rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
      return counts;
    });
  }

  /** Mails given up on since then, leaving out the notices about the outbox itself. */
  Future<Long> failedSince(Instant since) {
    return pool.preparedQuery("SELECT count(*) FROM outbox WHERE status = 'failed' AND created_at >= $1 AND kind <> $2")
        .execute(Tuple.of(since.atOffset(ZoneOffset.UTC), NotificationKind.OUTBOX_FAILING.key()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private Future<Void> settle(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).mapEmpty();
  }

  private static List<OutboxEntry> entries(RowSet<Row> rows) {
    List<OutboxEntry> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new OutboxEntry(r.getLong("id"), r.getString("event_key"), r.getString("kind"), r.getLong("account_id"),
          r.getString("recipient"), r.getString("subject"), r.getString("text_body"), r.getString("html_body"),
          r.getString("status"), r.getInteger("attempts"), instant(r.getOffsetDateTime("next_attempt_at")),
          r.getString("last_error"), instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("sent_at"))));
    }
    return list;
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
