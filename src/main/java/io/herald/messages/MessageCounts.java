package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of an account's messages for the dashboard and for dispatch, counted as the reports count. */
public final class MessageCounts {
  /** Since midnight in the account's time zone, by where the messages are now. */
  public record Today(long sent, long delivered, long unknown, long failed, long waiting) {}

  /** How many messages changed to a state within one minute. */
  public record PerMinute(Instant minute, String state, long n) {}

  /** Queued messages outside any job, for one account and lane, with the account's time zone. */
  public record DirectQueue(long accountId, String lane, long queued, java.time.ZoneId timeZone) {}

  private static final String TODAY = """
      SELECT
        count(*) FILTER (WHERE %s) AS sent,
        count(*) FILTER (WHERE %s) AS delivered,
        count(*) FILTER (WHERE m.state = 'unknown') AS unknown,
        count(*) FILTER (WHERE %s) AS failed,
        count(*) FILTER (WHERE %s) AS waiting
      FROM messages m JOIN accounts a ON a.id = m.account_id
      WHERE m.account_id = $1
        AND m.created_at >= date_trunc('day', now() AT TIME ZONE a.time_zone) AT TIME ZONE a.time_zone
        -- today began at most 38 hours ago anywhere; a text's id is of its month or, in its first hour, the one before
        AND m.id >= message_id_floor(date_trunc('month', now() AT TIME ZONE 'UTC' - interval '3 days')::date)"""
      .formatted(CountedStates.in("m.state", CountedStates.SENT), CountedStates.in("m.state", CountedStates.DELIVERED),
          CountedStates.in("m.state", CountedStates.FAILED), CountedStates.in("m.state", CountedStates.WAITING));

  private static final String PER_MINUTE = """
      SELECT date_trunc('minute', updated_at) AS minute, state, count(*) AS n FROM messages
      WHERE account_id = $1 AND updated_at >= date_trunc('minute', now()) - make_interval(mins => $2)
      GROUP BY 1, 2 ORDER BY 1, 2""";

  /**
   * Jobs' queued messages come from job_counts (kept by the messages table's trigger) less those on
   * their way, direct ones are counted in the queue.
   */
  private static final String QUEUED_BY_LANE = """
      SELECT lane, sum(n)::bigint AS n FROM (
        SELECT j.lane, c.n FROM job_counts c JOIN jobs j ON j.id = c.job_id
        WHERE j.account_id = $1 AND c.state = 'queued' AND j.status IN ('scheduled', 'running', 'paused')
        UNION ALL
        SELECT j.lane, -%s FROM jobs j
        WHERE j.account_id = $1 AND j.status IN ('scheduled', 'running', 'paused')
        UNION ALL
        SELECT lane, count(*) FROM message_queue WHERE account_id = $1 AND job_id IS NULL AND lease_until IS NULL
        GROUP BY lane
      ) q GROUP BY lane""".formatted(QueueLeases.leasedOf("j.id"));

  private static final String DIRECT_QUEUES = """
      SELECT q.account_id, q.lane, count(*) AS n, min(a.time_zone) AS time_zone
      FROM message_queue q JOIN accounts a ON a.id = q.account_id
      WHERE q.job_id IS NULL AND q.lease_until IS NULL AND a.disabled_at IS NULL
      GROUP BY q.account_id, q.lane""";

  private final Pool pool;

  public MessageCounts(Pool pool) {
    this.pool = pool;
  }

  public Future<Today> today(long accountId) {
    return pool.preparedQuery(TODAY).execute(Tuple.of(accountId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Today(r.getLong("sent"), r.getLong("delivered"), r.getLong("unknown"), r.getLong("failed"),
          r.getLong("waiting"));
    });
  }

  /** The last {@code minutes} minutes, this one included, oldest first. */
  public Future<List<PerMinute>> perMinute(long accountId, int minutes) {
    return pool.preparedQuery(PER_MINUTE).execute(Tuple.of(accountId, minutes - 1)).map(rows -> {
      List<PerMinute> list = new ArrayList<>(rows.size());
      rows.forEach(r -> list.add(new PerMinute(r.getOffsetDateTime("minute").toInstant(), r.getString("state"),
          r.getLong("n"))));
      return list;
    });
  }

  /** Queued messages by lane: those in the account's unfinished jobs and those sent one at a time. */
  public Future<Map<String, Long>> queuedByLane(long accountId) {
    return pool.preparedQuery(QUEUED_BY_LANE).execute(Tuple.of(accountId)).map(rows -> {
      Map<String, Long> depth = new LinkedHashMap<>();
      rows.forEach(r -> depth.put(r.getString("lane"), r.getLong("n")));
      return depth;
    });
  }

  /** Every account's queued messages outside any job, by lane; a disabled account's wait. */
  public Future<List<DirectQueue>> directQueues() {
    return pool.query(DIRECT_QUEUES).execute().map(rows -> {
      List<DirectQueue> list = new ArrayList<>(rows.size());
      rows.forEach(r -> list.add(new DirectQueue(r.getLong("account_id"), r.getString("lane"), r.getLong("n"),
          java.time.ZoneId.of(r.getString("time_zone")))));
      return list;
    });
  }
}
