package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for messages, their parts, their events and held receipts. Every write is one statement per
 * batch (arrays + unnest), and a state change writes its event in the same statement.
 */
public final class MessageStore {
  private static final String INSERT = """
      WITH m AS (
        INSERT INTO messages (account_id, job_id, lane, sender, recipient, body, encoding, segments)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                             $7::text[], $8::smallint[])
        RETURNING id),
      e AS (INSERT INTO message_events (message_id, state) SELECT id, 'queued' FROM m)
      SELECT id FROM m ORDER BY id""";

  private static final String CLAIM = """
      UPDATE messages m SET state = 'sending', attempts = m.attempts + 1, updated_at = now(),
             lease_until = now() + make_interval(secs => $2)
      FROM (SELECT id FROM messages WHERE state = 'queued' AND not_before <= now()
            ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
      WHERE m.id = due.id
      RETURNING m.id, m.account_id, m.lane, m.sender, m.recipient, m.body, m.attempts""";

  private static final String RECORD_RESULTS = """
      WITH r AS (
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
          AS r(id, state, smsc, retry_at, code, detail)),
      u AS (
        UPDATE messages m SET state = r.state, smsc = r.smsc, lease_until = NULL, updated_at = now(),
               not_before = coalesce(r.retry_at, m.not_before), error_code = r.code, error_detail = r.detail
        FROM r WHERE m.id = r.id AND m.state = 'sending'
        RETURNING m.id, m.state, m.smsc, r.detail),
      e AS (INSERT INTO message_events (message_id, state, detail) SELECT id, state, detail FROM u)
      SELECT id, state, smsc FROM u""";

  private static final String INSERT_PARTS = """
      INSERT INTO message_parts (message_id, seq, smsc, smsc_message_id)
      SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::text[])
      ON CONFLICT (message_id, seq) DO UPDATE
        SET smsc = excluded.smsc, smsc_message_id = excluded.smsc_message_id, state = 'submitted',
            receipt_status = NULL, receipt_error = NULL, submitted_at = now(), receipt_at = NULL
        -- a part sent again (after a retry) starts over; the same write replayed changes nothing
        WHERE (message_parts.smsc, message_parts.smsc_message_id) <> (excluded.smsc, excluded.smsc_message_id)""";

  private static final String TAKE_HELD_RECEIPTS = """
      DELETE FROM receipts_unmatched h USING unnest($1::text[], $2::text[]) AS k(smsc, id)
      WHERE h.smsc = k.smsc AND h.smsc_message_id = k.id
      RETURNING h.smsc, h.smsc_message_id, h.state, h.receipt_status, h.receipt_error, h.received_at, h.raw""";

  private static final String APPLY_RECEIPTS = """
      UPDATE message_parts p SET state = r.state, receipt_status = r.status, receipt_error = r.err,
             receipt_at = r.at
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
        AS r(smsc, id, state, status, err, at)
      WHERE p.smsc = r.smsc AND p.smsc_message_id = r.id AND p.state = 'submitted'
      RETURNING p.message_id, p.smsc, p.smsc_message_id""";

  private static final String HOLD_RECEIPTS = """
      INSERT INTO receipts_unmatched (smsc, smsc_message_id, state, receipt_status, receipt_error, received_at, raw)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])""";

  /** A message is final once every part has a receipt, or as soon as one part failed. */
  private static final String SETTLE_MESSAGES = """
      WITH agg AS (
        SELECT message_id,
               count(*) FILTER (WHERE state = 'delivered') AS delivered,
               (array_agg(state ORDER BY seq) FILTER (WHERE state IN ('undeliverable', 'expired')))[1] AS bad_state,
               (array_agg('part ' || seq || ': stat:' || coalesce(receipt_status, '?') || ' err:'
                          || coalesce(receipt_error, '?') ORDER BY seq)
                  FILTER (WHERE state IN ('undeliverable', 'expired')))[1] AS bad_detail,
               (array_agg(receipt_error ORDER BY seq) FILTER (WHERE state IN ('undeliverable', 'expired')))[1] AS bad_code
        FROM message_parts WHERE message_id = ANY($1::bigint[]) GROUP BY message_id),
      u AS (
        UPDATE messages m SET state = coalesce(agg.bad_state, 'delivered'), updated_at = now(),
               error_code = agg.bad_code, error_detail = agg.bad_detail
        FROM agg WHERE m.id = agg.message_id AND m.state = 'submitted'
          AND (agg.bad_state IS NOT NULL OR agg.delivered >= m.segments)
        RETURNING m.id, m.state, m.smsc, m.error_detail),
      e AS (INSERT INTO message_events (message_id, state, detail) SELECT id, state, error_detail FROM u)
      SELECT id, state, smsc FROM u""";

  private static final String RECOVER_LEASES = """
      WITH u AS (
        UPDATE messages SET state = 'queued', lease_until = NULL, updated_at = now()
        WHERE state = 'sending' AND lease_until < now()
        RETURNING id),
      e AS (INSERT INTO message_events (message_id, state, detail)
            SELECT id, 'queued', 'lease expired: returned to the queue' FROM u)
      SELECT count(*) FROM u""";

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
    for (int i = 0; i < n; i++) {
      NewMessage m = messages.get(i);
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
        .execute(arrays(accounts, jobs, lanes, senders, recipients, bodies, encodings, segments))
        .map(rows -> {
          List<Long> ids = new ArrayList<>(n);
          rows.forEach(r -> ids.add(r.getLong(0)));
          return ids;
        });
  }

  /** Leases up to limit due messages for one send attempt each. */
  public Future<List<ClaimedMessage>> claim(int limit, int leaseSeconds) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseSeconds)).map(rows -> {
      List<ClaimedMessage> claimed = new ArrayList<>(rows.size());
      for (Row r : rows) {
        claimed.add(new ClaimedMessage(r.getLong("id"), r.getLong("account_id"), r.getString("lane"),
            r.getString("sender"), r.getString("recipient"), r.getString("body"), r.getInteger("attempts")));
      }
      return claimed;
    });
  }

  /** Returns messages whose lease ran out (a crash, a lost database write) to the queue. */
  public Future<Long> recoverLeases() {
    return pool.query(RECOVER_LEASES).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Records send attempts and the receipts that arrived meanwhile, in one transaction: results first,
   * then their parts, then receipts (held ones included) so a receipt that overtook its
   * submit_sm_resp finds its part.
   */
  public Future<List<Transition>> record(List<SendResult> results, List<ReceiptUpdate> receipts) {
    return pool.withTransaction(tx -> recordResults(tx, results)
        .compose(transitions -> insertParts(tx, results)
            .compose(keys -> takeHeld(tx, keys))
            .compose(held -> {
              List<ReceiptUpdate> all = new ArrayList<>(held);
              all.addAll(receipts);
              return applyReceipts(tx, all);
            })
            .map(settled -> {
              List<Transition> all = new ArrayList<>(transitions);
              all.addAll(settled);
              return all;
            })));
  }

  private Future<List<Transition>> recordResults(SqlClient tx, List<SendResult> results) {
    if (results.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = results.size();
    Long[] ids = new Long[n];
    String[] states = new String[n];
    String[] smscs = new String[n];
    OffsetDateTime[] retryAt = new OffsetDateTime[n];
    String[] codes = new String[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      SendResult r = results.get(i);
      ids[i] = r.messageId();
      states[i] = r.state().dbName();
      smscs[i] = r.smsc();
      retryAt[i] = r.retryAt() == null ? null : r.retryAt().atOffset(ZoneOffset.UTC);
      codes[i] = r.errorCode();
      details[i] = r.errorDetail();
    }
    return tx.preparedQuery(RECORD_RESULTS).execute(arrays(ids, states, smscs, retryAt, codes, details))
        .map(MessageStore::transitions);
  }

  /** Inserts the parts that went out; returns their (smsc, id) keys to look for held receipts. */
  private Future<List<String[]>> insertParts(SqlClient tx, List<SendResult> results) {
    List<Long> ids = new ArrayList<>();
    List<Short> seqs = new ArrayList<>();
    List<String> smscs = new ArrayList<>();
    List<String> partIds = new ArrayList<>();
    for (SendResult r : results) {
      for (int i = 0; i < r.partIds().size(); i++) {
        ids.add(r.messageId());
        seqs.add((short) (i + 1));
        smscs.add(r.smsc());
        partIds.add(r.partIds().get(i));
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String[]> keys = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      keys.add(new String[] {smscs.get(i), partIds.get(i)});
    }
    return tx.preparedQuery(INSERT_PARTS)
        .execute(arrays(ids.toArray(Long[]::new), seqs.toArray(Short[]::new),
            smscs.toArray(String[]::new), partIds.toArray(String[]::new)))
        .map(keys);
  }

  private Future<List<ReceiptUpdate>> takeHeld(SqlClient tx, List<String[]> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String[] smscs = keys.stream().map(k -> k[0]).toArray(String[]::new);
    String[] ids = keys.stream().map(k -> k[1]).toArray(String[]::new);
    return tx.preparedQuery(TAKE_HELD_RECEIPTS).execute(arrays(smscs, ids)).map(rows -> {
      List<ReceiptUpdate> held = new ArrayList<>();
      for (Row r : rows) {
        held.add(new ReceiptUpdate(r.getString("smsc"), r.getString("smsc_message_id"),
            MessageState.fromDb(r.getString("state")), r.getString("receipt_status"),
            r.getString("receipt_error"), r.getOffsetDateTime("received_at").toInstant(), r.getString("raw")));
      }
      return held;
    });
  }

  /** Applies receipts to parts, holds the ones without a part, and settles finished messages. */
  private Future<List<Transition>> applyReceipts(SqlClient tx, List<ReceiptUpdate> receipts) {
    if (receipts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = receipts.size();
    String[] smscs = new String[n];
    String[] ids = new String[n];
    String[] states = new String[n];
    String[] statuses = new String[n];
    String[] errors = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] raws = new String[n];
    for (int i = 0; i < n; i++) {
      ReceiptUpdate r = receipts.get(i);
      smscs[i] = r.smsc();
      ids[i] = r.smscMessageId();
      states[i] = r.state().dbName();
      statuses[i] = r.status();
      errors[i] = r.error();
      at[i] = r.at().atOffset(ZoneOffset.UTC);
      raws[i] = r.raw();
    }
    return tx.preparedQuery(APPLY_RECEIPTS).execute(arrays(smscs, ids, states, statuses, errors, at))
        .compose(rows -> {
          Set<String> matched = new HashSet<>();
          Set<Long> messageIds = new HashSet<>();
          for (Row r : rows) {
            matched.add(r.getString(1) + "\u0000" + r.getString(2));
            messageIds.add(r.getLong(0));
          }
          List<Integer> unmatched = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            if (!matched.contains(smscs[i] + "\u0000" + ids[i])) {
              unmatched.add(i);
            }
          }
          Future<?> held = unmatched.isEmpty() ? Future.succeededFuture()
              : tx.preparedQuery(HOLD_RECEIPTS).execute(arrays(
                  pick(smscs, unmatched), pick(ids, unmatched), pick(states, unmatched),
                  pick(statuses, unmatched), pick(errors, unmatched),
                  unmatched.stream().map(i -> at[i]).toArray(OffsetDateTime[]::new), pick(raws, unmatched)));
          return held.compose(v -> messageIds.isEmpty() ? Future.succeededFuture(List.<Transition>of())
              : tx.preparedQuery(SETTLE_MESSAGES).execute(arrays(messageIds.toArray(Long[]::new)))
                  .map(MessageStore::transitions));
        });
  }

  /**
   * Parameters that are arrays, one per placeholder. (Tuple.of(a, b) with arrays would pick the
   * varargs overload and spread the second array into separate parameters.)
   */
  private static Tuple arrays(Object[]... columns) {
    return Tuple.wrap((Object[]) columns);
  }

  private static String[] pick(String[] values, List<Integer> indexes) {
    return indexes.stream().map(i -> values[i]).toArray(String[]::new);
  }

  private static List<Transition> transitions(Iterable<Row> rows) {
    List<Transition> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new Transition(r.getLong("id"), MessageState.fromDb(r.getString("state")), r.getString("smsc")));
    }
    return list;
  }

  /** One message as its account sees it: state, parts on the wire and history. */
  public Future<Optional<JsonObject>> find(long accountId, long id) {
    return pool.preparedQuery("""
            SELECT id, job_id, lane, sender, recipient, body, encoding, segments, state, attempts, smsc,
                   error_code, error_detail, not_before, created_at, updated_at
            FROM messages WHERE id = $1 AND account_id = $2""")
        .execute(Tuple.of(id, accountId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row m = rows.iterator().next();
          JsonObject message = new JsonObject()
              .put("id", m.getLong("id"))
              .put("jobId", m.getLong("job_id"))
              .put("status", m.getString("state"))
              .put("to", m.getString("recipient"))
              .put("from", m.getString("sender"))
              .put("body", m.getString("body"))
              .put("lane", m.getString("lane"))
              .put("encoding", m.getString("encoding"))
              .put("segments", m.getInteger("segments"))
              .put("attempts", m.getInteger("attempts"))
              .put("smsc", m.getString("smsc"))
              .put("errorCode", m.getString("error_code"))
              .put("errorDetail", m.getString("error_detail"))
              .put("notBefore", text(m.getOffsetDateTime("not_before")))
              .put("createdAt", text(m.getOffsetDateTime("created_at")))
              .put("updatedAt", text(m.getOffsetDateTime("updated_at")));
          return parts(id).compose(parts -> events(id).map(events ->
              Optional.of(message.put("parts", parts).put("events", events))));
        });
  }

  private Future<JsonArray> parts(long id) {
    return pool.preparedQuery("""
            SELECT seq, smsc, smsc_message_id, state, receipt_status, receipt_error, submitted_at, receipt_at
            FROM message_parts WHERE message_id = $1 ORDER BY seq""")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray parts = new JsonArray();
          for (Row p : rows) {
            parts.add(new JsonObject()
                .put("seq", p.getInteger("seq"))
                .put("smsc", p.getString("smsc"))
                .put("smscMessageId", p.getString("smsc_message_id"))
                .put("status", p.getString("state"))
                .put("receiptStatus", p.getString("receipt_status"))
                .put("receiptError", p.getString("receipt_error"))
                .put("submittedAt", text(p.getOffsetDateTime("submitted_at")))
                .put("receiptAt", text(p.getOffsetDateTime("receipt_at"))));
          }
          return parts;
        });
  }

  private Future<JsonArray> events(long id) {
    return pool.preparedQuery("SELECT state, at, detail FROM message_events WHERE message_id = $1 ORDER BY id")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray events = new JsonArray();
          for (Row e : rows) {
            events.add(new JsonObject()
                .put("status", e.getString("state"))
                .put("at", text(e.getOffsetDateTime("at")))
                .put("detail", e.getString("detail")));
          }
          return events;
        });
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
