package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for messages, their parts, their events and held receipts. Every write is one statement per
 * batch (arrays + unnest), and a state change that is not plain progress writes its event in the
 * same statement (see history).
 */
public final class MessageStore {
  private static final String INSERT = """
      WITH m AS (
        INSERT INTO messages (account_id, job_id, lane, sender, recipient, body, encoding, segments, not_before,
                              time_zone, recipient_name)
        SELECT a, j, l, s, r, b, e, g, coalesce(nb, now()), tz, n
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::smallint[], $9::timestamptz[], $10::text[], $11::text[]) AS x(a, j, l, s, r, b, e, g, nb, tz, n)
        RETURNING id)
      SELECT id FROM m ORDER BY id""";

  /** Up to a quota of due messages from each job, and from each account's job-less messages in the lane. */
  private static final String CLAIM = """
      WITH picked AS (
        SELECT m.id FROM unnest($1::bigint[], $2::int[]) AS u(job_id, quota)
          CROSS JOIN LATERAL (
            SELECT id FROM messages WHERE job_id = u.job_id AND state = 'queued' AND not_before <= $5
            ORDER BY not_before, id LIMIT u.quota FOR UPDATE SKIP LOCKED) m
        UNION ALL
        SELECT m.id FROM unnest($3::bigint[], $4::int[]) AS d(account_id, quota)
          CROSS JOIN LATERAL (
            SELECT id FROM messages WHERE job_id IS NULL AND account_id = d.account_id AND lane = $6
              AND state = 'queued' AND not_before <= $5
            ORDER BY not_before, id LIMIT d.quota FOR UPDATE SKIP LOCKED) m),
      c AS (
      UPDATE messages m SET attempts = m.attempts + 1, updated_at = now(),
             lease_until = CASE WHEN sup.suppressed THEN NULL ELSE $5 + make_interval(secs => $7) END,
             state = CASE WHEN sup.suppressed THEN 'skipped' ELSE 'sending' END,
             error_detail = CASE WHEN sup.suppressed THEN 'the number opted out' ELSE m.error_detail END
      FROM picked CROSS JOIN LATERAL (
        -- checked again just before the send: an opt-out may have come after the message was queued
        SELECT EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = m2.account_id AND s.address = m2.recipient)
               AND NOT EXISTS (SELECT 1 FROM reply_confirmations c WHERE c.message_id = m2.id) AS suppressed
        FROM messages m2 WHERE m2.id = picked.id) sup
      WHERE m.id = picked.id
      RETURNING m.id, m.job_id, m.account_id, m.lane, m.sender, m.recipient, m.body, m.attempts, m.time_zone, m.state),
      e AS (INSERT INTO message_events (message_id, state, detail)
            SELECT id, 'skipped', 'the number opted out' FROM c WHERE state = 'skipped')
      SELECT * FROM c""";

  /** Send attempts and the parts that went out, with their events, in one statement. */
  private static final String RECORD_RESULTS = """
      WITH r AS (
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[],
                             $7::boolean[])
          AS r(id, state, smsc, retry_at, code, detail, attempted)),
      u AS (
        UPDATE messages m SET lease_until = NULL, smsc = coalesce(r.smsc, m.smsc),
               -- back to the queue, unless its job was cancelled meanwhile
               state = CASE WHEN r.state = 'queued' AND EXISTS (
                         SELECT 1 FROM jobs j WHERE j.id = m.job_id AND j.status = 'cancelled') THEN 'cancelled'
                       ELSE r.state END,
               updated_at = now(), attempts = m.attempts - CASE WHEN r.attempted THEN 0 ELSE 1 END,
               not_before = coalesce(r.retry_at, m.not_before), error_code = r.code, error_detail = r.detail
        FROM r WHERE m.id = r.id AND m.state = 'sending'
        RETURNING m.id, m.job_id, m.state, m.smsc, r.detail),
      -- a submit is history the parts already hold (see history); retries, failures and cancels are not
      e AS (INSERT INTO message_events (message_id, state, detail) SELECT id, state, detail FROM u WHERE state <> 'submitted'),
      p AS (
        INSERT INTO message_parts (message_id, seq, smsc, smsc_message_id)
        SELECT * FROM unnest($8::bigint[], $9::smallint[], $10::text[], $11::text[])
        ON CONFLICT (message_id, seq) DO UPDATE
          SET smsc = excluded.smsc, smsc_message_id = excluded.smsc_message_id, state = 'submitted',
              receipt_status = NULL, receipt_error = NULL, submitted_at = now(), receipt_at = NULL
          -- a part sent again (after a retry) starts over; the same write replayed changes nothing
          WHERE (message_parts.smsc, message_parts.smsc_message_id) <> (excluded.smsc, excluded.smsc_message_id))
      SELECT id, job_id, state, smsc FROM u""";

  private static final String TAKE_HELD_RECEIPTS = """
      DELETE FROM receipts_unmatched h USING unnest($1::text[], $2::text[]) AS k(smsc, id)
      WHERE h.smsc = k.smsc AND k.id IN (h.smsc_message_id, h.alt_id_1, h.alt_id_2)
      RETURNING h.smsc, h.smsc_message_id, h.alt_id_1, h.alt_id_2, h.state, h.receipt_status, h.receipt_error,
                h.received_at, h.raw""";

  /**
   * Receipts to parts, and the messages they finish, in one statement. Each receipt settles one part:
   * the newest still waiting under that id (SMSCs reuse ids). A message is final once every part it
   * was sent as has a receipt, or as soon as one part failed. The parts CTE sees this statement's own
   * part updates through the join with a (a statement's CTEs share one snapshot).
   */
  private static final String APPLY_RECEIPTS = """
      WITH r AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
          AS r(smsc, id, state, status, err, at)),
      w AS (
        SELECT DISTINCT ON (r.smsc, r.id) r.*, p.message_id, p.seq
        FROM r JOIN message_parts p ON p.smsc = r.smsc AND p.smsc_message_id = r.id AND p.state = 'submitted'
        ORDER BY r.smsc, r.id, p.submitted_at DESC, p.message_id DESC),
      a AS (
        UPDATE message_parts p SET state = w.state, receipt_status = w.status, receipt_error = w.err, receipt_at = w.at
        FROM w WHERE p.message_id = w.message_id AND p.seq = w.seq
        RETURNING p.message_id, p.seq, p.state, p.receipt_status, p.receipt_error, w.smsc AS receipt_smsc, w.id AS receipt_id),
      parts AS (
        SELECT p.message_id, p.seq, coalesce(a.state, p.state) AS state,
               coalesce(a.receipt_status, p.receipt_status) AS receipt_status,
               coalesce(a.receipt_error, p.receipt_error) AS receipt_error
        FROM message_parts p LEFT JOIN a ON a.message_id = p.message_id AND a.seq = p.seq
        WHERE p.message_id IN (SELECT message_id FROM a)),
      agg AS (
        SELECT message_id,
               count(*) AS parts,
               count(*) FILTER (WHERE state = 'delivered') AS delivered,
               (array_agg(state ORDER BY seq) FILTER (WHERE state IN ('undeliverable', 'expired')))[1] AS bad_state,
               (array_agg('part ' || seq || ': stat:' || coalesce(receipt_status, '?') || ' err:'
                          || coalesce(receipt_error, '?') ORDER BY seq)
                  FILTER (WHERE state IN ('undeliverable', 'expired')))[1] AS bad_detail,
               (array_agg(receipt_error ORDER BY seq) FILTER (WHERE state IN ('undeliverable', 'expired')))[1] AS bad_code
        FROM parts GROUP BY message_id),
      u AS (
        UPDATE messages m SET state = coalesce(agg.bad_state, 'delivered'), updated_at = now(),
               error_code = agg.bad_code, error_detail = agg.bad_detail
        -- a receipt that comes after the receipt timeout still tells what became of the message
        FROM agg WHERE m.id = agg.message_id AND m.state IN ('submitted', 'unknown')
          -- every part that went out (a message_payload submit is one part for many segments)
          AND (agg.bad_state IS NOT NULL OR agg.delivered = agg.parts)
        RETURNING m.id, m.job_id, m.state, m.smsc, m.error_detail)
      -- the final state is history the message already holds (see history)
      SELECT 'matched' AS kind, receipt_smsc AS smsc, receipt_id, NULL::bigint AS id, NULL::bigint AS job_id, NULL AS state FROM a
      UNION ALL
      SELECT 'settled', smsc, NULL, id, job_id, state FROM u""";

  private static final String HOLD_RECEIPTS = """
      INSERT INTO receipts_unmatched (smsc, smsc_message_id, alt_id_1, alt_id_2, state, receipt_status, receipt_error,
                                      received_at, raw)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                           $8::timestamptz[], $9::text[]) AS r(smsc, id, alt1, alt2, state, status, err, at, raw)
      -- a receipt for a part that already has one is the SMSC repeating itself: nothing to keep
      -- (a part still waiting may have been written a moment ago: keep it; the sweep matches it)
      WHERE NOT EXISTS (SELECT 1 FROM message_parts p WHERE p.smsc = r.smsc AND p.smsc_message_id = r.id
                        AND p.state <> 'submitted')""";

  private static final String PURGE_HELD = "DELETE FROM receipts_unmatched WHERE received_at < now() - make_interval(hours => $1)";

  private static final String RECOVER_LEASES = """
      WITH u AS (
        UPDATE messages SET state = 'queued', lease_until = NULL, updated_at = now()
        WHERE state = 'sending' AND lease_until < $1
        RETURNING id),
      e AS (INSERT INTO message_events (message_id, state, detail)
            SELECT id, 'queued', 'lease expired: returned to the queue' FROM u)
      SELECT count(*) FROM u""";

  private final Pool pool;
  /** Receipts in receipts_unmatched; -1 until counted at start. */
  private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong(1);

  public MessageStore(Pool pool) {
    this.pool = pool;
  }

  /** Counts the held receipts once at start, so writes can skip looking for them while there are none. */
  public Future<Long> countHeldReceipts() {
    return pool.query("SELECT count(*) FROM receipts_unmatched").execute()
        .map(rows -> {
          long n = rows.iterator().next().getLong(0);
          held.set(n);
          return n;
        });
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
        .execute(arrays(accounts, jobs, lanes, senders, recipients, bodies, encodings, segments, notBefore, zones, names))
        .map(rows -> {
          List<Long> ids = new ArrayList<>(n);
          rows.forEach(r -> ids.add(r.getLong(0)));
          return ids;
        });
  }

  /** A unit's share of one claim: a job, or (jobId null) an account's job-less messages. */
  public record Quota(Long jobId, long accountId, int count) {}

  /** Leases due messages of one lane, up to each quota, for one send attempt each. */
  public Future<List<ClaimedMessage>> claim(String lane, List<Quota> quotas, Instant now, int leaseSeconds) {
    List<Long> jobs = new ArrayList<>();
    List<Integer> jobQuotas = new ArrayList<>();
    List<Long> accounts = new ArrayList<>();
    List<Integer> accountQuotas = new ArrayList<>();
    for (Quota q : quotas) {
      if (q.jobId() != null) {
        jobs.add(q.jobId());
        jobQuotas.add(q.count());
      } else {
        accounts.add(q.accountId());
        accountQuotas.add(q.count());
      }
    }
    Tuple args = Tuple.tuple().addValue(jobs.toArray(Long[]::new)).addValue(jobQuotas.toArray(Integer[]::new))
        .addValue(accounts.toArray(Long[]::new)).addValue(accountQuotas.toArray(Integer[]::new))
        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)).addString(lane).addInteger(leaseSeconds);
    return pool.preparedQuery(CLAIM).execute(args).map(rows -> {
      List<ClaimedMessage> claimed = new ArrayList<>(rows.size());
      for (Row r : rows) {
        claimed.add(new ClaimedMessage(r.getLong("id"), r.getLong("job_id"), r.getLong("account_id"), r.getString("lane"),
            r.getString("sender"), r.getString("recipient"), r.getString("body"), r.getInteger("attempts"),
            r.getString("time_zone"), r.getString("state").equals("skipped")));
      }
      return claimed;
    });
  }

  /** Extends the leases of messages still on their way, so a slow moment does not send them twice. */
  public Future<Integer> renewLeases(List<Long> ids, Instant now, int leaseSeconds) {
    return pool.preparedQuery("""
            UPDATE messages SET lease_until = $2::timestamptz + make_interval(secs => $3)
            WHERE id = ANY($1) AND state = 'sending'""")
        .execute(Tuple.tuple().addValue(ids.toArray(Long[]::new)).addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
            .addInteger(leaseSeconds))
        .map(rows -> rows.rowCount());
  }

  /** Returns messages whose lease ran out (a crash, a lost database write) to the queue. */
  public Future<Long> recoverLeases(Instant now) {
    return pool.preparedQuery(RECOVER_LEASES).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Records send attempts and the receipts that arrived meanwhile, in one transaction: results first,
   * then their parts, then receipts (held ones included) so a receipt that overtook its
   * submit_sm_resp finds its part.
   */
  public Future<Recorded> record(List<SendResult> results, List<ReceiptUpdate> receipts) {
    return pool.withTransaction(tx -> recordResults(tx, results)
        .compose(transitions -> takeHeld(tx, results)
            .compose(held -> {
              List<ReceiptUpdate> all = new ArrayList<>(held);
              all.addAll(receipts);
              return applyReceipts(tx, all);
            })
            .map(applied -> {
              List<Transition> all = new ArrayList<>(transitions);
              all.addAll(applied.transitions());
              return new Recorded(all, applied.matchedReceiptSmscs(), applied.heldReceiptSmscs());
            })));
  }

  /** Held receipts whose part has been written since: applied now. Nothing to do while none is held. */
  public Future<Recorded> rematchHeldReceipts() {
    if (held.get() <= 0) {
      return Future.succeededFuture(new Recorded(List.of(), List.of(), List.of()));
    }
    return pool.withTransaction(tx -> tx.query("""
            DELETE FROM receipts_unmatched h
            WHERE EXISTS (SELECT 1 FROM message_parts p WHERE p.smsc = h.smsc AND p.state = 'submitted'
                          AND p.smsc_message_id IN (h.smsc_message_id, h.alt_id_1, h.alt_id_2))
            RETURNING h.smsc, h.smsc_message_id, h.alt_id_1, h.alt_id_2, h.state, h.receipt_status, h.receipt_error,
                      h.received_at, h.raw""").execute()
        .compose(rows -> {
          List<ReceiptUpdate> found = new ArrayList<>();
          for (Row r : rows) {
            found.add(new ReceiptUpdate(r.getString("smsc"), r.getString("smsc_message_id"), r.getString("alt_id_1"),
                r.getString("alt_id_2"), MessageState.fromDb(r.getString("state")), r.getString("receipt_status"),
                r.getString("receipt_error"), r.getOffsetDateTime("received_at").toInstant(), r.getString("raw")));
          }
          held.addAndGet(-found.size());
          return applyReceipts(tx, found);
        }));
  }

  /** Forgets receipts that never found their message after the retention time. */
  public Future<Integer> purgeHeldReceipts(int retentionHours) {
    return pool.preparedQuery(PURGE_HELD).execute(Tuple.of(retentionHours)).map(rows -> {
      held.addAndGet(-rows.rowCount());
      return rows.rowCount();
    });
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
    Boolean[] attempted = new Boolean[n];
    List<Long> partMessages = new ArrayList<>();
    List<Short> partSeqs = new ArrayList<>();
    List<String> partSmscs = new ArrayList<>();
    List<String> partIds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SendResult r = results.get(i);
      ids[i] = r.messageId();
      states[i] = r.state().dbName();
      smscs[i] = r.smsc();
      retryAt[i] = r.retryAt() == null ? null : r.retryAt().atOffset(ZoneOffset.UTC);
      codes[i] = r.errorCode();
      details[i] = r.errorDetail();
      attempted[i] = r.attempted();
      for (int k = 0; k < r.partIds().size(); k++) {
        partMessages.add(r.messageId());
        partSeqs.add((short) (k + 1));
        partSmscs.add(r.smsc());
        partIds.add(r.partIds().get(k));
      }
    }
    return tx.preparedQuery(RECORD_RESULTS).execute(arrays(ids, states, smscs, retryAt, codes, details, attempted,
            partMessages.toArray(Long[]::new), partSeqs.toArray(Short[]::new), partSmscs.toArray(String[]::new),
            partIds.toArray(String[]::new)))
        .map(MessageStore::transitions);
  }

  /**
   * Receipts that came before the parts just recorded. Skipped while none is held: Herald is the
   * only writer of held receipts, so it knows how many there are.
   */
  private Future<List<ReceiptUpdate>> takeHeld(SqlClient tx, List<SendResult> results) {
    if (held.get() <= 0) {
      return Future.succeededFuture(List.of());
    }
    List<String> smscs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (SendResult r : results) {
      for (String id : r.partIds()) {
        smscs.add(r.smsc());
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return tx.preparedQuery(TAKE_HELD_RECEIPTS).execute(arrays(smscs.toArray(String[]::new), ids.toArray(String[]::new))).map(rows -> {
      List<ReceiptUpdate> taken = new ArrayList<>();
      for (Row r : rows) {
        taken.add(new ReceiptUpdate(r.getString("smsc"), r.getString("smsc_message_id"), r.getString("alt_id_1"),
            r.getString("alt_id_2"), MessageState.fromDb(r.getString("state")), r.getString("receipt_status"),
            r.getString("receipt_error"), r.getOffsetDateTime("received_at").toInstant(), r.getString("raw")));
      }
      held.addAndGet(-taken.size());
      return taken;
    });
  }

  /**
   * Applies receipts to parts, holds the ones without a part, and settles finished messages. Each
   * receipt is tried under its id as given first, then under its alternative readings, so an exact
   * match always wins over a converted one.
   */
  private Future<Recorded> applyReceipts(SqlClient tx, List<ReceiptUpdate> receipts) {
    if (receipts.isEmpty()) {
      return Future.succeededFuture(new Recorded(List.of(), List.of(), List.of()));
    }
    List<Transition> settled = new ArrayList<>();
    List<String> matchedSmscs = new ArrayList<>();
    return matchRound(tx, receipts, 0, settled, matchedSmscs).compose(unmatched -> {
      Future<?> holding = unmatched.isEmpty() ? Future.succeededFuture() : hold(tx, unmatched);
      List<String> heldSmscs = unmatched.stream().map(ReceiptUpdate::smsc).toList();
      return holding.map(v -> new Recorded(settled, matchedSmscs, heldSmscs));
    });
  }

  /** Matches the receipts that have a candidate id for round k; returns those still unmatched. */
  private Future<List<ReceiptUpdate>> matchRound(SqlClient tx, List<ReceiptUpdate> pending, int round,
                                                 List<Transition> settled, List<String> matchedSmscs) {
    if (pending.isEmpty() || round > 2) {
      return Future.succeededFuture(pending);
    }
    List<ReceiptUpdate> tried = pending.stream().filter(r -> r.candidate(round) != null).toList();
    if (tried.isEmpty()) {
      return matchRound(tx, pending, round + 1, settled, matchedSmscs);
    }
    int n = tried.size();
    String[] smscs = new String[n];
    String[] ids = new String[n];
    String[] states = new String[n];
    String[] statuses = new String[n];
    String[] errors = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      ReceiptUpdate r = tried.get(i);
      smscs[i] = r.smsc();
      ids[i] = r.candidate(round);
      states[i] = r.state().dbName();
      statuses[i] = r.status();
      errors[i] = r.error();
      at[i] = r.at().atOffset(ZoneOffset.UTC);
    }
    return tx.preparedQuery(APPLY_RECEIPTS).execute(arrays(smscs, ids, states, statuses, errors, at))
        .compose(rows -> {
          Set<String> matched = new HashSet<>();
          for (Row r : rows) {
            if (r.getString("kind").equals("matched")) {
              matched.add(r.getString("smsc") + "\u0000" + r.getString("receipt_id"));
            } else {
              settled.add(new Transition(r.getLong("id"), r.getLong("job_id"), MessageState.fromDb(r.getString("state")),
                  r.getString("smsc")));
            }
          }
          List<ReceiptUpdate> still = new ArrayList<>();
          for (ReceiptUpdate r : pending) {
            String id = r.candidate(round);
            if (id != null && matched.contains(r.smsc() + "\u0000" + id)) {
              matchedSmscs.add(r.smsc());
            } else {
              still.add(r);
            }
          }
          return matchRound(tx, still, round + 1, settled, matchedSmscs);
        });
  }

  private Future<?> hold(SqlClient tx, List<ReceiptUpdate> receipts) {
    int n = receipts.size();
    String[][] text = new String[8][n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      ReceiptUpdate r = receipts.get(i);
      text[0][i] = r.smsc();
      text[1][i] = r.smscMessageId();
      text[2][i] = r.alternative1();
      text[3][i] = r.alternative2();
      text[4][i] = r.state().dbName();
      text[5][i] = r.status();
      text[6][i] = r.error();
      text[7][i] = r.raw();
      at[i] = r.at().atOffset(ZoneOffset.UTC);
    }
    return tx.preparedQuery(HOLD_RECEIPTS)
        .execute(arrays(text[0], text[1], text[2], text[3], text[4], text[5], text[6], at, text[7]))
        .onSuccess(rows -> held.addAndGet(rows.rowCount()));
  }

  /**
   * Parameters that are arrays, one per placeholder. (Tuple.of(a, b) with arrays would pick the
   * varargs overload and spread the second array into separate parameters.)
   */
  private static Tuple arrays(Object[]... columns) {
    return Tuple.wrap((Object[]) columns);
  }

  private static List<Transition> transitions(Iterable<Row> rows) {
    List<Transition> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new Transition(r.getLong("id"), r.getLong("job_id"), MessageState.fromDb(r.getString("state")),
          r.getString("smsc")));
    }
    return list;
  }

  /** The receipts no message part claimed (yet), newest first, for operators. */
  public Future<JsonArray> heldReceipts(int limit) {
    return pool.preparedQuery("""
            SELECT smsc, smsc_message_id, alt_id_1, alt_id_2, state, receipt_status, receipt_error, received_at, raw
            FROM receipts_unmatched ORDER BY id DESC LIMIT $1""")
        .execute(Tuple.of(limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          for (Row r : rows) {
            list.add(new JsonObject()
                .put("smsc", r.getString("smsc"))
                .put("smscMessageId", r.getString("smsc_message_id"))
                .put("alternativeIds", new JsonArray().add(r.getString("alt_id_1")).add(r.getString("alt_id_2")))
                .put("status", r.getString("state"))
                .put("receiptStatus", r.getString("receipt_status"))
                .put("receiptError", r.getString("receipt_error"))
                .put("receivedAt", text(r.getOffsetDateTime("received_at")))
                .put("text", r.getString("raw")));
          }
          return list;
        });
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
              Optional.of(message.put("parts", parts).put("events", history(message, parts, events)))));
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

  private Future<List<JsonObject>> events(long id) {
    return pool.preparedQuery("SELECT state, at, detail FROM message_events WHERE message_id = $1 ORDER BY id")
        .execute(Tuple.of(id))
        .map(rows -> {
          List<JsonObject> events = new ArrayList<>();
          for (Row e : rows) {
            events.add(step(e.getString("state"), text(e.getOffsetDateTime("at")), e.getString("detail")));
          }
          return events;
        });
  }

  /**
   * A message's history. The common steps are not written as events (three rows a message were the
   * largest write of dispatch): queued is the message's creation, submitted its parts going out, and
   * a final state from a receipt its last change. Everything else (retries, failures, skips,
   * cancels, leases returned) is an event row, in between by time.
   */
  private static JsonArray history(JsonObject message, JsonArray parts, List<JsonObject> events) {
    List<JsonObject> steps = new ArrayList<>();
    steps.add(step("queued", message.getString("createdAt"), null));
    steps.addAll(events);
    parts.stream().map(p -> ((JsonObject) p).getString("submittedAt")).min(String::compareTo)
        .ifPresent(at -> steps.add(step("submitted", at, null)));
    if (Set.of("delivered", "undeliverable", "expired").contains(message.getString("status"))) {
      steps.add(step(message.getString("status"), message.getString("updatedAt"), message.getString("errorDetail")));
    }
    // by time; a step written in the same instant as another keeps the order above (the sort is stable)
    steps.sort(java.util.Comparator.comparing(step -> Instant.parse(step.getString("at"))));
    return new JsonArray(new ArrayList<Object>(steps));
  }

  private static JsonObject step(String status, String at, String detail) {
    return new JsonObject().put("status", status).put("at", at).put("detail", detail);
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
