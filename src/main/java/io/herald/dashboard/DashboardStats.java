package io.herald.dashboard;

import io.herald.messages.MessageCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * What the dashboard shows for one account: today's totals, changes per minute for the last half
 * hour, its queue by lane (counted by {@code messages}, shaped here for the page).
 */
public final class DashboardStats {
  static final List<String> LANES = List.of("conversation", "alert", "bulk");
  static final int MINUTES = 30;

  private final MessageCounts counts;
  private final MeterRegistry registry;

  public DashboardStats(Pool pool, MeterRegistry registry) {
    this.counts = new MessageCounts(pool);
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

  private Future<JsonObject> today(long accountId) {
    return counts.today(accountId).map(t -> new JsonObject().put("sent", t.sent()).put("delivered", t.delivered())
        .put("unknown", t.unknown()).put("failed", t.failed()).put("waiting", t.waiting()));
  }

  private Future<JsonArray> perMinute(long accountId) {
    return counts.perMinute(accountId, MINUTES).map(minutes -> {
      JsonArray list = new JsonArray();
      minutes.forEach(m -> list.add(new JsonObject().put("minute", m.minute().toString()).put("state", m.state())
          .put("n", m.n())));
      return list;
    });
  }

  private Future<JsonObject> queueDepth(long accountId) {
    return counts.queuedByLane(accountId).map(byLane -> {
      JsonObject depth = new JsonObject();
      LANES.forEach(l -> depth.put(l, byLane.getOrDefault(l, 0L)));
      return depth;
    });
  }
}
