package io.herald.messages;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as the database holds it, read every few seconds: {@code herald_queue_oldest_seconds{lane}}
 * (how long the oldest due text of a lane has waited; a paused job's texts are not due),
 * {@code herald_queue_messages{lane,account}} (queued texts; the largest accounts by id, the
 * rest as account="other", so the labels stay few) and {@code herald_receipts_unmatched} (receipts
 * held for a part not yet known). Every node reads the same figures: dashboards take the max.
 */
public final class QueueGauges extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
  private static final List<String> LANES = List.of("conversation", "alert", "bulk");
  private static final int TOP_ACCOUNTS = 20;
  private static final String OLDEST = """
      SELECT q.lane, extract(epoch FROM now() - min(q.not_before))::float8 AS age
      FROM message_queue q
      WHERE q.lease_until IS NULL AND q.not_before <= now()
        AND (q.job_id IS NULL OR EXISTS (SELECT 1 FROM jobs j WHERE j.id = q.job_id AND j.status = 'running'))
      GROUP BY q.lane""";
  private static final String BY_ACCOUNT = """
      SELECT lane, account_id, count(*) AS n FROM message_queue WHERE lease_until IS NULL GROUP BY lane, account_id""";
  private static final String UNMATCHED = "SELECT count(*) FROM receipts_unmatched";

  private final Pool pool;
  private final long everyMillis;
  private final Map<String, Double> oldest = new ConcurrentHashMap<>();
  private final MultiGauge byAccount;
  private volatile double unmatched;
  private volatile Map<Tags, Long> queued = Map.of();
  private long timer;
  private boolean reading;

  public QueueGauges(Pool pool, MeterRegistry registry, long everyMillis) {
    this.pool = pool;
    this.everyMillis = everyMillis;
    for (String lane : LANES) {
      oldest.put(lane, 0.0);
      Gauge.builder("herald_queue_oldest_seconds", oldest, m -> m.getOrDefault(lane, 0.0)).tag("lane", lane)
          .description("How long the oldest due, unsent text of the lane has waited").baseUnit("seconds")
          .register(registry);
    }
    byAccount = MultiGauge.builder("herald_queue_messages").description("Queued texts by lane and account")
        .register(registry);
    Gauge.builder("herald_receipts_unmatched", this, g -> g.unmatched)
        .description("Receipts held, waiting for the part they are for").register(registry);
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(1, everyMillis, t -> read());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void read() {
    if (reading) {
      return;
    }
    reading = true;
    Future.all(pool.query(OLDEST).execute(), pool.query(BY_ACCOUNT).execute(), pool.query(UNMATCHED).execute())
        .onSuccess(all -> {
          Map<String, Double> ages = new ConcurrentHashMap<>();
          for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
            ages.put(r.getString("lane"), Math.max(0, r.getDouble("age")));
          }
          LANES.forEach(lane -> oldest.put(lane, ages.getOrDefault(lane, 0.0)));
          byAccount.register(accountRows(all.resultAt(1)), true);
          unmatched = all.<io.vertx.sqlclient.RowSet<Row>>resultAt(2).iterator().next().getLong(0);
        })
        .onFailure(e -> log.debug("queue gauges not read: {}", e.getMessage()))
        .onComplete(ar -> reading = false);
  }

  /**
   * Per lane, the largest accounts by queued texts, and the rest summed as "other". The gauges read
   * the figures from this object's own map (a gauge only weakly holds what it reads).
   */
  private List<MultiGauge.Row<?>> accountRows(io.vertx.sqlclient.RowSet<Row> rows) {
    Map<String, List<long[]>> lanes = new HashMap<>();
    for (Row r : rows) {
      lanes.computeIfAbsent(r.getString("lane"), l -> new ArrayList<>()).add(new long[] {r.getLong("account_id"), r.getLong("n")});
    }
    Map<Tags, Long> figures = new HashMap<>();
    for (String lane : LANES) {
      List<long[]> list = lanes.getOrDefault(lane, new ArrayList<>());
      list.sort((a, b) -> Long.compare(b[1], a[1]));
      long other = 0;
      for (int i = 0; i < list.size(); i++) {
        if (i < TOP_ACCOUNTS) {
          figures.put(Tags.of("lane", lane, "account", Long.toString(list.get(i)[0])), list.get(i)[1]);
        } else {
          other += list.get(i)[1];
        }
      }
      figures.put(Tags.of("lane", lane, "account", "other"), other);
    }
    queued = figures;
    List<MultiGauge.Row<?>> out = new ArrayList<>();
    figures.keySet().forEach(tags -> out.add(MultiGauge.Row.of(tags, this, g -> g.queued.getOrDefault(tags, 0L))));
    return out;
  }
}
