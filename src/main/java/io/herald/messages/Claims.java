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
 * Claims are leases: due messages move to sending with a lease time, in one statement per lane
 * ({@code FOR UPDATE SKIP LOCKED}, so nodes never claim the same message); a lease that runs out
 * (a crash) returns its message to the queue.
 */
public final class Claims {
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

  private static final String RECOVER_LEASES = """
      WITH u AS (
        UPDATE messages SET state = 'queued', lease_until = NULL, updated_at = now()
        WHERE state = 'sending' AND lease_until < $1
        RETURNING id),
      e AS (INSERT INTO message_events (message_id, state, detail)
            SELECT id, 'queued', 'lease expired: returned to the queue' FROM u)
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
}
