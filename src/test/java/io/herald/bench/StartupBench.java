package io.herald.bench;

import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * scripts/bench startup: process start to /health 200 (database up, SMSC bound). The first start
 * migrates a fresh database and creates the first users; the restarts after it are what an
 * operator sees every day. Median of the restarts.
 */
public final class StartupBench {
  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Double> restarts = new ArrayList<>();
    double first;
    try (CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw"); TestDatabase db = TestDatabase.create()) {
      first = startOnce(db, smsc);
      for (int i = 0; i < runs; i++) {
        restarts.add(startOnce(db, smsc));
      }
    }
    Collections.sort(restarts);
    System.out.println("| figure | value |");
    System.out.println("|---|---:|");
    System.out.printf(Locale.ROOT, "| first start (fresh database: migrations, first users) | %.2f s |%n", first);
    System.out.printf(Locale.ROOT, "| restart to /health 200, median of %d | %.2f s |%n", runs, restarts.get(restarts.size() / 2));
    System.out.printf(Locale.ROOT, "| restart fastest / slowest | %.2f / %.2f s |%n", restarts.get(0), restarts.get(restarts.size() - 1));
    System.exit(0);
  }

  private static double startOnce(TestDatabase db, CloudhopperSmsc smsc) throws Exception {
    int http = BenchSetup.freePort();
    long started = System.nanoTime();
    try (ChildHerald herald = new ChildHerald(BenchSetup.config(db, http, smsc, 10, 100), http, "startup", "-Xmx512m")) {
      herald.awaitUp();
      return (System.nanoTime() - started) / 1e9;
    }
  }
}
