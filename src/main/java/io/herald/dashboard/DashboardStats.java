package io.herald.dashboard;

import io.herald.messages.CountedStates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** What the dashboard shows for one account: today's totals, recent changes per minute, its queue. */
public final class DashboardStats {
  static final List<String> LANES = List.of("conversation", "alert", "bulk");
  static final int MINUTES = 30;

  private final Pool pool;
  private final MeterRegistry registry;

  public DashboardStats(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  public Future<JsonObject> account(long accountId) {
    return Future.all(today(accountId), perMinute(accountId), queueDepth(accountId)).map(all -> new JsonObject()
        .put("today", all.<JsonObject>resultAt(0))
        .put("perMinute", all.<JsonArray>resultAt(1))
        .put("queueDepth", all.<JsonObject>resultAt(2)));
  }

  /** Every lane's queue across all accounts, from the dispatcher's gauge (operators only). */
  public JsonObject systemQueueDepth() {
    JsonObject depth = new JsonObject();
    for (String lane : LANES) {
      Gauge gauge = registry.find("herald_queue_depth").tag("lane", lane).gauge();
      depth.put(lane, gauge == null ? 0L : (long) gauge.value());
    }
    return depth;
  }

  /** Messages created since midnight in the account's time zone, by where they are now, counted as the reports count. */
  private Future<JsonObject> today(long accountId) {
    return pool.preparedQuery("""
            SELECT
              count(*) FILTER (WHERE %s) AS sent,
              count(*) FILTER (WHERE %s) AS delivered,
              count(*) FILTER (WHERE m.state = 'unknown') AS unknown,
              count(*) FILTER (WHERE %s) AS failed,
              count(*) FILTER (WHERE %s) AS waiting
            FROM messages m JOIN accounts a ON a.id = m.account_id
            WHERE m.account_id = $1
              AND m.created_at >= date_trunc('day', now() AT TIME ZONE a.time_zone) AT TIME ZONE a.time_zone"""
            .formatted(CountedStates.in("m.state", CountedStates.SENT), CountedStates.in("m.state", CountedStates.DELIVERED),
                CountedStates.in("m.state", CountedStates.FAILED), CountedStates.in("m.state", CountedStates.WAITING)))
        .execute(Tuple.of(accountId))
        .map(rows -> {
          var r = rows.iterator().next();
          return new JsonObject().put("sent", r.getLong("sent")).put("delivered", r.getLong("delivered"))
              .put("unknown", r.getLong("unknown")).put("failed", r.getLong("failed")).put("waiting", r.getLong("waiting"));
        });
  }

  /** Messages per minute of their latest change, by the state they changed to, for the last half hour. */
  private Future<JsonArray> perMinute(long accountId) {
    return pool.preparedQuery("""
            SELECT date_trunc('minute', updated_at) AS minute, state, count(*) AS n FROM messages
            WHERE account_id = $1 AND updated_at >= date_trunc('minute', now()) - make_interval(mins => $2)
            GROUP BY 1, 2 ORDER BY 1, 2""")
        .execute(Tuple.of(accountId, MINUTES - 1))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(new JsonObject().put("minute", r.getOffsetDateTime("minute").toInstant().toString())
              .put("state", r.getString("state")).put("n", r.getLong("n"))));
          return list;
        });
  }

  /** Queued messages by lane: those in the account's unfinished jobs and those sent one at a time. */
  private Future<JsonObject> queueDepth(long accountId) {
    return pool.preparedQuery("""
            SELECT lane, sum(n)::bigint AS n FROM (
              SELECT j.lane, c.n FROM job_counts c JOIN jobs j ON j.id = c.job_id
              WHERE j.account_id = $1 AND c.state = 'queued' AND j.status IN ('scheduled', 'running', 'paused')
              UNION ALL
              SELECT lane, count(*) FROM messages WHERE account_id = $1 AND job_id IS NULL AND state = 'queued' GROUP BY lane
            ) q GROUP BY lane""")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          JsonObject depth = new JsonObject();
          LANES.forEach(l -> depth.put(l, 0L));
          rows.forEach(r -> depth.put(r.getString("lane"), r.getLong("n")));
          return depth;
        });
  }
}
