package io.herald.bench;

import io.herald.testing.Api;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * scripts/bench dispatch: N messages (default 100,000) queued as one job, sent with receipts, every
 * state durable, to the SMSC simulator in a process of its own ({@code herald.jar simulator}; with
 * a third argument "inprocess" the daemon's built-in one, as earlier figures were taken). Prints
 * messages/s from the job's creation to its completion (every receipt in), submit latency p50/p99,
 * the daemon's peak RSS, and CPU per message of the daemon, PostgreSQL and the simulator (/proc).
 */
public final class DispatchBench {
  private static final Pattern BUCKET = Pattern.compile("herald_submit_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.E+]+)");

  private static final int[] AREAS = {202, 212, 213, 305, 312, 415, 503, 617, 702, 713, 303, 404, 512, 614};

  private DispatchBench() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    boolean inProcess = args.length > 2 && args[2].equals("inprocess");
    // the daemon's heap (1g), or JVM options as one argument: "-Xmx192m -XX:+UseSerialGC"
    int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    String heap = args.length > 3 ? (args[3].startsWith("-") ? args[3] : "-Xmx" + args[3]) : "-Xmx1g";
    int smpp = TestHerald.freePort();
    try (TestDatabase db = TestDatabase.create(); ChildSimulator simulator = inProcess ? null : new ChildSimulator(smpp, 200)) {
      int http = TestHerald.freePort();
      JsonObject config = new JsonObject()
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", http))
          .put("db", new JsonObject().put("url", db.url()).put("poolSize", 8))
          .put("admin", new JsonObject().put("email", "bench@example.com").put("password", "bench"))
          .put("drop", new JsonObject().put("enabled", false)) // no FTP site: several daemons may run at once
          .put("dispatch", new JsonObject().put("batchSize", 1000))
          .put("simulator", new JsonObject().put("enabled", inProcess).put("port", smpp).put("receiptDelayMillis", 200))
          .put("smsc", new JsonArray().add(new JsonObject().put("name", "simulator").put("port", smpp)
              .put("systemId", "herald").put("password", "herald").put("window", window).put("tps", 100_000)));
      try (ChildHerald herald = new ChildHerald(config, http, "dispatch", heap)) {
        herald.awaitUp();
        Api api = new Api(http, "bench@example.com", "bench");
        if (warmUp > 0) { // the JIT's first minutes are most of a cold daemon's CPU: a job before the one measured
          JsonObject first = api.post("/api/v1/jobs", recipients(warmUp)).json();
          awaitCompleted(db, first.getLong("id"));
        }
        List<double[]> before = buckets(http);
        String body = recipients(messages);
        long started = System.nanoTime();
        JsonObject job = api.post("/api/v1/jobs", body).json();
        long queued = System.nanoTime();
        long daemonCpu = CpuTime.ofProcess(herald.pid());
        long postgresCpu = CpuTime.ofPostgres();
        long simulatorCpu = simulator == null ? 0 : CpuTime.ofProcess(simulator.pid());
        long accepted = job.getLong("accepted");
        awaitCompleted(db, job.getLong("id"));
        long done = System.nanoTime();
        daemonCpu = CpuTime.ofProcess(herald.pid()) - daemonCpu;
        postgresCpu = CpuTime.ofPostgres() - postgresCpu;
        simulatorCpu = simulator == null ? 0 : CpuTime.ofProcess(simulator.pid()) - simulatorCpu;
        double seconds = (done - queued) / 1e9;
        List<double[]> buckets = buckets(http);
        for (int i = 0; i < buckets.size() && i < before.size(); i++) {
          buckets.get(i)[1] -= before.get(i)[1]; // this job's submits only
        }
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| messages (accepted) | %d |%n", accepted);
        System.out.printf(Locale.ROOT, "| window | %d |%n", window);
        System.out.printf(Locale.ROOT, "| warm-up job before it, not measured | %d messages |%n", warmUp);
        System.out.printf(Locale.ROOT, "| queueing the job (POST, %d recipients) | %.2f s |%n", messages, (queued - started) / 1e9);
        System.out.printf(Locale.ROOT, "| dispatch, submit to last receipt | %.2f s |%n", seconds);
        System.out.printf(Locale.ROOT, "| messages/s end to end | %.0f |%n", accepted / seconds);
        System.out.printf(Locale.ROOT, "| submit latency p50 | %.1f ms |%n", quantile(buckets, 0.50) * 1000);
        System.out.printf(Locale.ROOT, "| submit latency p99 | %.1f ms |%n", quantile(buckets, 0.99) * 1000);
        System.out.printf(Locale.ROOT, "| daemon peak RSS (%s) | %d MB |%n", heap, herald.peakRssMb());
        System.out.printf(Locale.ROOT, "| SMSC simulator | %s |%n", inProcess ? "inside the daemon" : "its own process");
        System.out.printf(Locale.ROOT, "| CPU per message, daemon%s | %.0f µs |%n", inProcess ? " (and simulator)" : "",
            (double) daemonCpu / accepted);
        System.out.printf(Locale.ROOT, "| CPU per message, PostgreSQL | %.0f µs |%n", (double) postgresCpu / accepted);
        if (!inProcess) {
          System.out.printf(Locale.ROOT, "| CPU per message, simulator | %.0f µs |%n", (double) simulatorCpu / accepted);
        }
        // updates that stayed on their heap page wrote no index entry (the statistics lag their writes a little)
        Thread.sleep(1_000);
        for (String table : List.of("messages", "message_parts", "message_queue")) {
          // a partitioned table's rows are in its partitions (V25): their counts are summed
          String of = " FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass"
              + " OR relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = '" + table + "'::regclass)";
          System.out.printf(Locale.ROOT, "| heap-only updates, %s | %d of %d |%n", table,
              db.queryLong("SELECT coalesce(sum(n_tup_hot_upd), 0)::bigint" + of),
              db.queryLong("SELECT coalesce(sum(n_tup_upd), 0)::bigint" + of));
        }
        String metrics = new Api(http, null, null).get("/metrics").body();
        metrics.lines().filter(l -> (l.startsWith("herald_dispatch") && !l.contains("bucket")) || l.startsWith("herald_submit_seconds_count")
            || l.startsWith("herald_dispatch_write_size_count") || l.startsWith("herald_dispatch_write_size_sum"))
            .forEach(l -> System.err.println("  " + l));
      }
    }
    System.exit(0);
  }

  private static String recipients(int n) {
    StringBuilder body = new StringBuilder("{\"recipients\": [");
    for (int i = 0; i < n; i++) {
      body.append(i == 0 ? "" : ",").append("{\"to\": \"").append(recipient(i))
          .append("\", \"body\": \"Benchmark message ").append(i).append("\"}");
    }
    return body.append("]}").toString();
  }

  /** The i-th text's number: 9,000 numbers an area code (none of the simulator's test numbers). */
  static String recipient(int i) {
    return "+1" + AREAS[i / 9000 % AREAS.length] + "555" + String.format("%04d", 1000 + i % 9000);
  }

  /** Watched in the database, not the API: a Basic log-in's password hash a poll would count as the daemon's CPU. */
  private static void awaitCompleted(TestDatabase db, long job) throws InterruptedException {
    while (db.queryLong("SELECT count(*) FROM jobs WHERE status = 'completed' AND id = " + job) == 0) {
      Thread.sleep(100);
    }
  }

  private static List<double[]> buckets(int http) {
    List<double[]> buckets = new ArrayList<>();
    Matcher m = BUCKET.matcher(new Api(http, null, null).get("/metrics").body());
    while (m.find()) {
      buckets.add(new double[] {m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
          Double.parseDouble(m.group(2))});
    }
    return buckets;
  }

  /** The upper bound of the first bucket holding the quantile (cumulative counts). */
  static double quantile(List<double[]> buckets, double q) {
    if (buckets.isEmpty()) {
      return Double.NaN;
    }
    double total = buckets.get(buckets.size() - 1)[1];
    for (double[] b : buckets) {
      if (b[1] >= q * total) {
        return b[0];
      }
    }
    return Double.NaN;
  }
}
