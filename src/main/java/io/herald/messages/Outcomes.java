package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what became of messages: send attempts with their parts, and receipts, each state change
 * that is not plain progress with its event in the same statement (see {@link MessageViews} for the
 * history built from them). A receipt that comes before its part is written is held and matched later.
 * Most of this file is its four statements, which change together.
 */
public final class Outcomes {
  /**
   * The lowest message id a receipt can be for: the texts of this month and the month before, and
   * any older one still waiting for its receipt (queued weeks before it went). Given to the receipt
   * statements as a value, so PostgreSQL leaves the older months out of their plans: a receipt reads
   * two or three months' indexes, not every month kept (50,000 receipts with a year of months
   * before this one: 7.0–9.5 s without the floor, 5.8–6.6 s with it; BENCHMARKS.md).
   */
  private static final String RECEIPT_FLOOR = """
      SELECT least(message_id_floor((date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date),
                   (SELECT min(message_id) FROM receipt_waits))""";

  /** Send attempts and the parts that went out, with their events, in one statement. */
  private static final String RECORD_RESULTS = """
      WITH r AS (
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[],
                             $7::boolean[])
          AS r(id, state, smsc, retry_at, code, detail, attempted)),
      -- results for messages this node holds a lease on; a replayed write finds none and changes nothing
      q AS (
        SELECT r.*, mq.attempts - CASE WHEN r.attempted THEN 0 ELSE 1 END AS tries,
               -- back to the queue, unless its job was cancelled meanwhile
               CASE WHEN r.state = 'queued' AND EXISTS (
                      SELECT 1 FROM jobs j WHERE j.id = mq.job_id AND j.status = 'cancelled') THEN 'cancelled'
                    ELSE r.state END AS outcome
        FROM r JOIN message_queue mq ON mq.message_id = r.id AND mq.lease_until IS NOT NULL),
      again AS (
        UPDATE message_queue mq SET lease_until = NULL, attempts = q.tries, not_before = coalesce(q.retry_at, mq.not_before)
        FROM q WHERE mq.message_id = q.id AND q.outcome = 'queued'),
      gone AS (DELETE FROM message_queue mq USING q WHERE mq.message_id = q.id AND q.outcome <> 'queued'),
      waits AS (
        INSERT INTO receipt_waits (message_id, smsc) SELECT id, smsc FROM q WHERE outcome = 'submitted'
        ON CONFLICT (message_id) DO UPDATE SET smsc = excluded.smsc, submitted_at = now()),
      u AS (
        UPDATE messages m SET smsc = coalesce(q.smsc, m.smsc), state = q.outcome, updated_at = now(), attempts = q.tries,
               not_before = coalesce(q.retry_at, m.not_before), error_code = q.code, error_detail = q.detail
        FROM q WHERE m.id = q.id
        RETURNING m.id, m.job_id, m.state, m.smsc, q.detail),
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
   * the newest still waiting under that id (SMSCs reuse ids), at or above the floor (named in every
   * step, so each leaves the months below it out of its plan). A message is final once every part it
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
                            AND p.message_id >= $7
        ORDER BY r.smsc, r.id, p.submitted_at DESC, p.message_id DESC),
      a AS (
        UPDATE message_parts p SET state = w.state, receipt_status = w.status, receipt_error = w.err, receipt_at = w.at
        FROM w WHERE p.message_id = w.message_id AND p.seq = w.seq AND p.message_id >= $7
        RETURNING p.message_id, p.seq, p.state, p.receipt_status, p.receipt_error, w.smsc AS receipt_smsc, w.id AS receipt_id,
                  extract(epoch FROM w.at - p.submitted_at)::float8 AS lag),
      parts AS (
        SELECT p.message_id, p.seq, coalesce(a.state, p.state) AS state,
               coalesce(a.receipt_status, p.receipt_status) AS receipt_status,
               coalesce(a.receipt_error, p.receipt_error) AS receipt_error
        FROM message_parts p LEFT JOIN a ON a.message_id = p.message_id AND a.seq = p.seq
        WHERE p.message_id IN (SELECT message_id FROM a) AND p.message_id >= $7),
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
        FROM agg WHERE m.id = agg.message_id AND m.id >= $7 AND m.state IN ('submitted', 'unknown')
          -- every part that went out (a message_payload submit is one part for many segments)
          AND (agg.bad_state IS NOT NULL OR agg.delivered = agg.parts)
        RETURNING m.id, m.job_id, m.state, m.smsc, m.error_detail),
      waited AS (DELETE FROM receipt_waits rw USING u WHERE rw.message_id = u.id)
      -- the final state is history the message already holds (see history)
      SELECT 'matched' AS kind, receipt_smsc AS smsc, receipt_id, NULL::bigint AS id, NULL::bigint AS job_id, NULL AS state,
             lag FROM a
      UNION ALL
      SELECT 'settled', smsc, NULL, id, job_id, state, NULL FROM u""";

  private static final String HOLD_RECEIPTS = """
      INSERT INTO receipts_unmatched (smsc, smsc_message_id, alt_id_1, alt_id_2, state, receipt_status, receipt_error,
                                      received_at, raw)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                           $8::timestamptz[], $9::text[]) AS r(smsc, id, alt1, alt2, state, status, err, at, raw)
      -- a receipt for a part that already has one is the SMSC repeating itself: nothing to keep
      -- (a part still waiting may have been written a moment ago: keep it; the sweep matches it)
      WHERE NOT EXISTS (SELECT 1 FROM message_parts p WHERE p.smsc = r.smsc AND p.smsc_message_id = r.id
                        AND p.state <> 'submitted' AND p.message_id >= $10)""";

  private static final String PURGE_HELD = "DELETE FROM receipts_unmatched WHERE received_at < now() - make_interval(hours => $1)";

  private final Pool pool;
  /** Receipts in receipts_unmatched; -1 until counted at start. */
  private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong(1);

  public Outcomes(Pool pool) {
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
              return new Recorded(all, applied.matchedReceipts(), applied.heldReceiptSmscs());
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
                          AND p.smsc_message_id IN (h.smsc_message_id, h.alt_id_1, h.alt_id_2)
                          -- below the floor a receipt would not match: it stays held until it is forgotten
                          AND p.message_id >= (%s))
            RETURNING h.smsc, h.smsc_message_id, h.alt_id_1, h.alt_id_2, h.state, h.receipt_status, h.receipt_error,
                      h.received_at, h.raw""".formatted(RECEIPT_FLOOR)).execute()
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
    return tx.preparedQuery(RECORD_RESULTS).execute(ArrayParams.tuple(ids, states, smscs, retryAt, codes, details, attempted,
            partMessages.toArray(Long[]::new), partSeqs.toArray(Short[]::new), partSmscs.toArray(String[]::new),
            partIds.toArray(String[]::new)))
        .map(Outcomes::transitions);
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
    return tx.preparedQuery(TAKE_HELD_RECEIPTS).execute(ArrayParams.tuple(smscs.toArray(String[]::new), ids.toArray(String[]::new))).map(rows -> {
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
    List<Recorded.Matched> matchedSmscs = new ArrayList<>();
    return tx.query(RECEIPT_FLOOR).execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(floor -> matchRound(tx, receipts, 0, settled, matchedSmscs, floor)
            .compose(unmatched -> (unmatched.isEmpty() ? Future.succeededFuture() : hold(tx, unmatched, floor))
                .map(v -> new Recorded(settled, matchedSmscs, unmatched.stream().map(ReceiptUpdate::smsc).toList()))));
  }

  /** Matches the receipts that have a candidate id for round k; returns those still unmatched. */
  private Future<List<ReceiptUpdate>> matchRound(SqlClient tx, List<ReceiptUpdate> pending, int round,
                                                 List<Transition> settled, List<Recorded.Matched> matchedSmscs, long floor) {
    if (pending.isEmpty() || round > 2) {
      return Future.succeededFuture(pending);
    }
    List<ReceiptUpdate> tried = pending.stream().filter(r -> r.candidate(round) != null).toList();
    if (tried.isEmpty()) {
      return matchRound(tx, pending, round + 1, settled, matchedSmscs, floor);
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
    return tx.preparedQuery(APPLY_RECEIPTS).execute(ArrayParams.tuple(smscs, ids, states, statuses, errors, at).addLong(floor))
        .compose(rows -> {
          Map<String, Double> matched = new HashMap<>();
          for (Row r : rows) {
            if (r.getString("kind").equals("matched")) {
              Double lag = r.getDouble("lag");
              matched.put(r.getString("smsc") + "\u0000" + r.getString("receipt_id"), lag == null ? 0 : Math.max(0, lag));
            } else {
              settled.add(new Transition(r.getLong("id"), r.getLong("job_id"), MessageState.fromDb(r.getString("state")),
                  r.getString("smsc")));
            }
          }
          List<ReceiptUpdate> still = new ArrayList<>();
          for (ReceiptUpdate r : pending) {
            String id = r.candidate(round);
            Double lag = id == null ? null : matched.get(r.smsc() + "\u0000" + id);
            if (lag != null) {
              matchedSmscs.add(new Recorded.Matched(r.smsc(), lag));
            } else {
              still.add(r);
            }
          }
          return matchRound(tx, still, round + 1, settled, matchedSmscs, floor);
        });
  }

  private Future<?> hold(SqlClient tx, List<ReceiptUpdate> receipts, long floor) {
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
        .execute(ArrayParams.tuple(text[0], text[1], text[2], text[3], text[4], text[5], text[6], at, text[7]).addLong(floor))
        .onSuccess(rows -> held.addAndGet(rows.rowCount()));
  }

  private static List<Transition> transitions(Iterable<Row> rows) {
    List<Transition> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new Transition(r.getLong("id"), r.getLong("job_id"), MessageState.fromDb(r.getString("state")),
          r.getString("smsc")));
    }
    return list;
  }
}
