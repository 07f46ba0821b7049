package io.herald.bench;

import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * scripts/bench throttle: one connection at a configured tps (500) kept busy for a minute; the
 * submit_sm counted per second at the SMSC: min, median, max over the full seconds, and the
 * minute's average against the tps. The first seconds are printed apart, as warm-up.
 */
public final class ThrottleBench {
  /** Full seconds after the first submit left out of the figures: the JIT is still compiling both ends. */
  private static final int WARM_UP_SECONDS = 3;

  private ThrottleBench() {}

  public static void main(String[] args) throws Exception {
    int tps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    try (TestDatabase db = TestDatabase.create(); CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      smsc.receiptDelayMillis(50);
      int http = BenchSetup.freePort();
      try (ChildHerald herald = new ChildHerald(BenchSetup.config(db, http, smsc, 100, tps), http, "throttle", "-Xmx1g")) {
        herald.awaitUp();
        BenchSetup.queueBulkJob(db, tps * (WARM_UP_SECONDS + seconds + 10));
        Api api = new Api(http, BenchSetup.EMAIL, BenchSetup.PASSWORD);
        api.post("/api/v1/jobs/1/pause", "");
        api.post("/api/v1/jobs/1/resume", "");
        while (smsc.submits().isEmpty()) {
          Thread.sleep(10);
        }
        Thread.sleep((WARM_UP_SECONDS + seconds + 2) * 1000L);
        Map<Long, Integer> perSecond = new TreeMap<>(smsc.submitsPerSecond());
        List<Long> keys = new ArrayList<>(perSecond.keySet());
        List<Integer> warmUp = new ArrayList<>();
        List<Integer> full = new ArrayList<>();
        for (int i = 1; i < keys.size() - 1 && full.size() < seconds; i++) { // skip the first, partial second
          (warmUp.size() < WARM_UP_SECONDS ? warmUp : full).add(perSecond.get(keys.get(i)));
        }
        List<Integer> sorted = new ArrayList<>(full);
        Collections.sort(sorted);
        double average = full.stream().mapToInt(Integer::intValue).average().orElse(0);
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| configured tps | %d |%n", tps);
        System.out.printf(Locale.ROOT, "| warm-up seconds, not counted (both JVMs start cold) | %s |%n", warmUp);
        System.out.printf(Locale.ROOT, "| full seconds counted | %d |%n", full.size());
        System.out.printf(Locale.ROOT, "| submits per second min / median / max | %d / %d / %d |%n",
            sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        System.out.printf(Locale.ROOT, "| average over the minute | %.1f (%.2f%% of tps) |%n", average, 100 * average / tps);
      }
    }
    System.exit(0);
  }
}
