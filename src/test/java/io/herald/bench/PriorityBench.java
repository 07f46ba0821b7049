package io.herald.bench;

import io.herald.dispatch.Dispatcher;
import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * scripts/bench priority: a conversation reply every 100 ms while a large bulk job drains; the
 * time from the API's answer (queued) to the submit_sm arriving at the SMSC: p50, p99, max.
 */
public final class PriorityBench {
  private PriorityBench() {}

  public static void main(String[] args) throws Exception {
    int bulk = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int replies = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    try (TestDatabase db = TestDatabase.create(); CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      smsc.receiptDelayMillis(100);
      int http = BenchSetup.freePort();
      try (ChildHerald herald = new ChildHerald(BenchSetup.config(db, http, smsc, 100, 1000), http, "priority", "-Xmx1g")) {
        herald.awaitUp();
        BenchSetup.queueBulkJob(db, bulk);
        Api api = new Api(http, BenchSetup.EMAIL, BenchSetup.PASSWORD);
        api.post("/api/v1/jobs/1/pause", ""); // wake-up: resume below makes dispatch look at once
        api.post("/api/v1/jobs/1/resume", "");
        while (smsc.submits().size() < 2_000) {
          Thread.sleep(50);
        }
        Map<String, Instant> queuedAt = new HashMap<>();
        for (int i = 0; i < replies; i++) {
          String to = "+1312555" + String.format("%04d", i);
          api.post("/api/v1/messages", new JsonObject().put("to", to).put("body", "Reply " + i));
          queuedAt.put(to.substring(1), Instant.now());
          Thread.sleep(100);
        }
        Thread.sleep(2_000);
        List<Double> millis = new ArrayList<>();
        for (CloudhopperSmsc.Submit s : smsc.submits()) {
          Instant queued = queuedAt.get(s.destination());
          if (queued != null) {
            millis.add(Duration.between(queued, s.receivedAt()).toNanos() / 1e6);
          }
        }
        if (System.getenv("HERALD_BENCH_SERIES") != null) {
          System.out.println("in order of sending (ms): " + millis.stream().map(m -> String.valueOf(Math.round(m))).toList());
          List<Instant> at = smsc.submits().stream().map(CloudhopperSmsc.Submit::receivedAt).sorted().toList();
          for (int i = 1; i < at.size(); i++) {
            long gap = Duration.between(at.get(i - 1), at.get(i)).toMillis();
            if (gap > 100) {
              System.out.println("no submit at the SMSC for " + gap + " ms after submit " + i);
            }
          }
        }
        Collections.sort(millis);
        long bulkSent = smsc.submits().stream().filter(s -> !queuedAt.containsKey(s.destination())).count();
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| bulk job queued | %d |%n", bulk);
        System.out.printf(Locale.ROOT, "| bulk sent meanwhile | %d |%n", bulkSent);
        System.out.printf(Locale.ROOT, "| replies (one per 100 ms) arrived | %d of %d |%n", millis.size(), replies);
        System.out.printf(Locale.ROOT, "| enqueue to submit_sm p50 | %.1f ms |%n", pct(millis, 0.50));
        System.out.printf(Locale.ROOT, "| enqueue to submit_sm p99 | %.1f ms |%n", pct(millis, 0.99));
        System.out.printf(Locale.ROOT, "| enqueue to submit_sm max | %.1f ms |%n", millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1));
      }
    }
    System.exit(0);
  }

  static double pct(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }
}
