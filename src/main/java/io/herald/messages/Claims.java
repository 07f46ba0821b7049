package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims are leases: due messages in the queue get a lease time, in one statement per lane
 * ({@code FOR UPDATE SKIP LOCKED}, so nodes never claim the same message); a lease that runs out
 * (a crash) returns its message to the queue. The message row itself stays queued until its outcome.
 */
public final class Claims {
  /**
   * Up to a quota of due messages from each job, and from each account's job-less messages in the
   * lane. Only the queue rows are written (the lease); a message whose number opted out since it
   * was queued leaves the queue as skipped. The picked ids are looked up as arrays (= ANY), so each
   * is an index lookup: the planner cannot know how many a quota picks and, guessing a tenth of the
   * queue, would otherwise join by reading all of it.
   */
  private static final String CLAIM = """
      WITH picked AS (
        SELECT q.message_id FROM unnest($1::bigint[], $2::int[]) AS u(job_id, quota)
          CROSS JOIN LATERAL (
            SELECT message_id FROM message_queue WHERE job_id = u.job_id AND lease_until IS NULL AND not_before <= $5
            ORDER BY not_before, message_id LIMIT u.quota FOR UPDATE SKIP LOCKED) q
        UNION ALL
        SELECT q.message_id FROM unnest($3::bigint[], $4::int[]) AS d(account_id, quota)
          CROSS JOIN LATERAL (
            SELECT message_id FROM message_queue WHERE job_id IS NULL AND account_id = d.account_id AND lane = $6
              AND lease_until IS NULL AND not_before <= $5
            ORDER BY not_before, message_id LIMIT d.quota FOR UPDATE SKIP LOCKED) q),
      c AS (
        SELECT m.id, m.job_id, m.account_id, m.lane, m.sender, m.recipient, m.body, m.time_zone,
               -- checked again just before the send: an opt-out may have come after the message was queued
               EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = m.account_id AND s.address = m.recipient)
                 AND NOT EXISTS (SELECT 1 FROM reply_confirmations rc WHERE rc.message_id = m.id) AS suppressed
        FROM messages m WHERE m.id = ANY (ARRAY(SELECT message_id FROM picked))),
      leased AS (
        UPDATE message_queue q SET lease_until = $5 + make_interval(secs => $7), attempts = q.attempts + 1
        WHERE q.message_id = ANY (ARRAY(SELECT id FROM c WHERE NOT c.suppressed))
        RETURNING q.message_id, q.attempts),
      gone AS (DELETE FROM message_queue q WHERE q.message_id = ANY (ARRAY(SELECT id FROM c WHERE c.suppressed))),
      skipped AS (
        UPDATE messages m SET state = 'skipped', updated_at = now(), error_detail = 'the number opted out'
        WHERE m.id = ANY (ARRAY(SELECT id FROM c WHERE c.suppressed)) RETURNING m.id),
      e AS (INSERT INTO message_events (message_id, state, detail)
            SELECT id, 'skipped', 'the number opted out' FROM skipped)
      SELECT c.*, coalesce(leased.attempts, 0) AS attempts FROM c LEFT JOIN leased ON leased.message_id = c.id""";

  private static final String RECOVER_LEASES = """
      WITH u AS (
        UPDATE message_queue SET lease_until = NULL WHERE lease_until < $1
        RETURNING message_id),
      e AS (INSERT INTO message_events (message_id, state, detail)
            SELECT message_id, 'queued', 'lease expired: returned to the queue' FROM u)
      SELECT count(*) FROM u""";


  private final Pool pool;

  public Claims(Pool pool) {
    this.pool = pool;
  }

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
            r.getString("time_zone"), r.getBoolean("suppressed")));
      }
      return claimed;
    });
  }

  /** Extends the leases of messages still on their way, so a slow moment does not send them twice. */
  public Future<Integer> renewLeases(List<Long> ids, Instant now, int leaseSeconds) {
    return pool.preparedQuery("""
            UPDATE message_queue SET lease_until = $2::timestamptz + make_interval(secs => $3)
            WHERE message_id = ANY($1) AND lease_until IS NOT NULL""")
        .execute(Tuple.tuple().addValue(ids.toArray(Long[]::new)).addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
            .addInteger(leaseSeconds))
        .map(rows -> rows.rowCount());
  }

  /** Returns messages whose lease ran out (a crash, a lost database write) to the queue. */
  public Future<Long> recoverLeases(Instant now) {
    return pool.preparedQuery(RECOVER_LEASES).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
