package io.herald.bench;

import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** scripts/bench startup: process start to /health 200 (migrated database, SMSC bound); median of runs. */
public final class StartupBench {
  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Double> seconds = new ArrayList<>();
    try (CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      for (int i = 0; i < runs; i++) {
        try (TestDatabase db = TestDatabase.create()) { // a fresh database each time: migrations included
          int http = BenchSetup.freePort();
          long started = System.nanoTime();
          try (ChildHerald herald = new ChildHerald(BenchSetup.config(db, http, smsc, 10, 100), http, "startup", "-Xmx512m")) {
            herald.awaitUp();
            seconds.add((System.nanoTime() - started) / 1e9);
          }
        }
      }
    }
    Collections.sort(seconds);
    System.out.println("| figure | value |");
    System.out.println("|---|---:|");
    System.out.printf(Locale.ROOT, "| start to /health 200, median of %d | %.2f s |%n", runs, seconds.get(seconds.size() / 2));
    System.out.printf(Locale.ROOT, "| fastest / slowest | %.2f / %.2f s |%n", seconds.get(0), seconds.get(seconds.size() - 1));
    System.exit(0);
  }
}
