package io.herald.bench;

import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * scripts/bench contract: an SMSC that takes CONTRACT submits in any second (300) and answers the
 * rest ESME_RTHROTTLED (or, with "queuefull", ESME_RMSGQFUL, plus a 300 ms burst of it every 10 s),
 * while Herald's connection is configured for TPS (1,000). CONTRACT x SECONDS texts are sent: the
 * accepted submits per second over the steady part (after the first 5 s, until 95% are in) against the
 * contract, the
 * share of submits refused, and that every text was delivered once.
 */
public final class ContractBench {
  private static final int STEADY_AFTER_SECONDS = 5;

  private ContractBench() {}

  public static void main(String[] args) throws Exception {
    int contract = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int tps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    boolean queueFull = args.length > 3 && args[3].equals("queuefull");
    int refusal = queueFull ? 0x14 : 0x58;
    int n = contract * seconds;
    try (TestDatabase db = TestDatabase.create(); CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      smsc.receiptDelayMillis(50);
      ArrayDeque<Long> taken = new ArrayDeque<>();
      long started = System.nanoTime();
      smsc.responder(submit -> {
        long now = System.nanoTime();
        synchronized (taken) {
          if (queueFull && (now - started) % 10_000_000_000L < 300_000_000L) {
            return refusal;
          }
          while (!taken.isEmpty() && now - taken.peekFirst() >= 1_000_000_000L) {
            taken.pollFirst();
          }
          if (taken.size() >= contract) {
            return refusal;
          }
          taken.addLast(now);
          return 0;
        }
      });
      int http = BenchSetup.freePort();
      try (ChildHerald herald = new ChildHerald(BenchSetup.config(db, http, smsc, 100, tps), http, "contract", "-Xmx1g")) {
        herald.awaitUp();
        long job = BenchSetup.queueBulkJob(db, n);
        Api api = new Api(http, BenchSetup.EMAIL, BenchSetup.PASSWORD);
        api.post("/api/v1/jobs/" + job + "/pause", "");
        api.post("/api/v1/jobs/" + job + "/resume", "");
        long deadline = System.currentTimeMillis() + (seconds * 3L + 60) * 1000;
        while (db.queryLong("SELECT count(*) FROM messages WHERE state IN ('delivered', 'failed', 'undeliverable')") < n
            && System.currentTimeMillis() < deadline) {
          Thread.sleep(500);
        }
        List<CloudhopperSmsc.Submit> submits = smsc.submits();
        Map<Long, Integer> acceptedPerSecond = new TreeMap<>();
        Map<String, Integer> perDestination = new HashMap<>();
        long refused = 0;
        for (CloudhopperSmsc.Submit s : submits) {
          if (s.messageId() == null) {
            refused++;
          } else {
            acceptedPerSecond.merge(s.receivedAt().getEpochSecond(), 1, Integer::sum);
            perDestination.merge(s.destination() + "|" + new String(s.shortMessage(), java.nio.charset.StandardCharsets.ISO_8859_1),
                1, Integer::sum);
          }
        }
        List<Long> keys = new ArrayList<>(acceptedPerSecond.keySet());
        List<Integer> steady = new ArrayList<>();
        long cumulative = 0;
        for (int i = 0; i < keys.size() - 1; i++) { // the first and last seconds are partial
          cumulative += acceptedPerSecond.get(keys.get(i));
          if (cumulative > 0.95 * n) {
            break; // the tail: the last texts, and the retries of refused ones, are not the steady part
          }
          if (i > STEADY_AFTER_SECONDS) {
            steady.add(acceptedPerSecond.get(keys.get(i)));
          }
        }
        List<Integer> sorted = new ArrayList<>(steady);
        Collections.sort(sorted);
        double average = steady.stream().mapToInt(Integer::intValue).average().orElse(0);
        long delivered = db.queryLong("SELECT count(*) FROM messages WHERE state = 'delivered'");
        long twice = perDestination.values().stream().filter(c -> c > 1).count();
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| SMSC contract, refusal | %d/s, %s%s |%n", contract,
            queueFull ? "ESME_RMSGQFUL" : "ESME_RTHROTTLED", queueFull ? " (and a 300 ms burst of it every 10 s)" : "");
        System.out.printf(Locale.ROOT, "| Herald's configured tps | %d |%n", tps);
        System.out.printf(Locale.ROOT, "| steady seconds counted | %d |%n", steady.size());
        System.out.printf(Locale.ROOT, "| accepted per second min / median / max | %d / %d / %d |%n",
            sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        System.out.printf(Locale.ROOT, "| accepted per second, average | %.1f (%.1f%% of the contract) |%n", average,
            100 * average / contract);
        System.out.printf(Locale.ROOT, "| submits refused | %d of %d (%.2f%%) |%n", refused, submits.size(),
            100.0 * refused / submits.size());
        System.out.printf(Locale.ROOT, "| delivered | %d of %d; accepted twice: %d |%n", delivered, n, twice);
        if (System.getenv("HERALD_BENCH_SERIES") != null) {
          System.out.println("accepted per second: " + steady);
        }
      }
    }
    System.exit(0);
  }
}
