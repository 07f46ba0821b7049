package io.herald.bench;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * scripts/bench ingest: a generated drop file of N rows (default 1,000,000; two phone columns, three
 * custom fields and a send-time column) uploaded through the daemon's real FTP site, timed until
 * every row is queued (the file's job exists with its counts). Prints rows/s and the daemon's peak
 * heap (the most jvm_memory_used_bytes{area="heap"} seen on /metrics while it worked) and peak RSS.
 */
public final class IngestBench {
  private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)",
      Pattern.MULTILINE);
  private static final int[] AREAS = {202, 212, 213, 305, 312, 415, 503, 617, 702, 713, 303, 404, 512, 614};

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String heap = args.length > 1 ? args[1] : "-Xmx256m";
    Path file = Files.createTempFile("herald-ingest", ".csv");
    try (TestDatabase db = TestDatabase.create()) {
      long bytes = generate(file, rows);
      int http = TestHerald.freePort();
      int ftp = TestHerald.freePort();
      Path drops = Files.createTempDirectory("herald-bench-drops");
      JsonObject config = new JsonObject()
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", http))
          .put("db", new JsonObject().put("url", db.url()).put("poolSize", 8))
          .put("admin", new JsonObject().put("email", "bench@example.com").put("password", "bench"))
          .put("operator", new JsonObject().put("email", "operator@example.com").put("password", "operator"))
          .put("drop", new JsonObject().put("host", "127.0.0.1").put("port", ftp).put("passivePorts", "0")
              .put("directory", drops.toString()).put("maxFileBytes", 4L << 30));
      try (ChildHerald herald = new ChildHerald(config, http, "ingest", heap)) {
        herald.awaitUp();
        Api admin = new Api(http, "bench@example.com", "bench");
        new DropCalls(http).operatorEnables("operator@example.com", "operator");
        JsonObject profile = admin.post("/api/v1/drop-profiles", new JsonObject()
            .put("username", "bench").put("password", "bench-password").put("mobileColumn", "Mobile")
            .put("phoneColumns", new JsonArray().add("Home"))
            .put("fields", new JsonArray()
                .add(new JsonObject().put("column", "First").put("label", "first"))
                .add(new JsonObject().put("column", "Last").put("label", "last"))
                .add(new JsonObject().put("column", "Appointment").put("label", "appt")))
            .put("template", "Hi ~first~ ~last~, your appointment is on ~appt~. Reply STOP to opt out.")
            .put("sendAtColumn", "Send at").put("sendAtFormat", "yyyy-MM-dd HH:mm").put("timeZone", "America/New_York"))
            .json();
        if (!profile.containsKey("id")) {
          throw new IllegalStateException("profile not created: " + profile);
        }
        Api metrics = new Api(http, null, null);
        double[] peakHeap = {0};
        long started = System.nanoTime();
        long daemonCpu = CpuTime.ofProcess(herald.pid());
        long postgresCpu = CpuTime.ofPostgres();
        long uploaded;
        try (FtpSession session = FtpSession.connect(ftp); InputStream in = Files.newInputStream(file)) {
          if (!session.login("bench", "bench-password")) {
            throw new IllegalStateException("FTP login failed: " + session.reply());
          }
          if (!session.client().storeFile("patients.csv", in)) {
            throw new IllegalStateException("upload failed: " + session.reply());
          }
          uploaded = System.nanoTime();
        }
        JsonObject done = null;
        for (int poll = 0; done == null; poll++) {
          if (poll % 5 == 0) { // a scrape costs the daemon CPU: sample the heap twice a second
            peakHeap[0] = Math.max(peakHeap[0], heapUsed(metrics));
          }
          JsonArray files = admin.get("/api/v1/reports/drops?limit=1").json().getJsonArray("drops");
          if (!files.isEmpty() && !"processing".equals(files.getJsonObject(0).getString("fileStatus"))) {
            done = files.getJsonObject(0);
          } else {
            Thread.sleep(100);
          }
        }
        long finished = System.nanoTime();
        daemonCpu = CpuTime.ofProcess(herald.pid()) - daemonCpu;
        postgresCpu = CpuTime.ofPostgres() - postgresCpu;
        peakHeap[0] = Math.max(peakHeap[0], heapUsed(metrics));
        JsonObject job = admin.get("/api/v1/jobs/" + done.getLong("jobId")).json();
        double total = (finished - started) / 1e9;
        double processing = (finished - uploaded) / 1e9;
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| rows in the file | %d (%.1f MB) |%n", rows, bytes / 1e6);
        System.out.printf(Locale.ROOT, "| file status | %s |%n", done.getString("status"));
        System.out.printf(Locale.ROOT, "| accepted / rejected | %d / %d |%n", done.getLong("accepted"), done.getLong("rejected"));
        System.out.printf(Locale.ROOT, "| job queued count | %d |%n", job.getJsonObject("counts").getLong("queued"));
        System.out.printf(Locale.ROOT, "| FTP upload | %.2f s |%n", (uploaded - started) / 1e9);
        System.out.printf(Locale.ROOT, "| upload end to all queued | %.2f s |%n", processing);
        System.out.printf(Locale.ROOT, "| upload start to all queued | %.2f s |%n", total);
        System.out.printf(Locale.ROOT, "| rows/s (upload start to queued) | %.0f |%n", rows / total);
        System.out.printf(Locale.ROOT, "| rows/s (processing only) | %.0f |%n", rows / processing);
        // from the upload's start (the FTP transfer included) to the last row queued
        System.out.printf(Locale.ROOT, "| CPU per row, daemon | %.1f µs |%n", (double) daemonCpu / rows);
        System.out.printf(Locale.ROOT, "| CPU per row, PostgreSQL | %.1f µs |%n", (double) postgresCpu / rows);
        System.out.printf(Locale.ROOT, "| daemon heap limit | %s |%n", heap);
        System.out.printf(Locale.ROOT, "| daemon peak heap used | %.0f MB |%n", peakHeap[0] / 1024 / 1024);
        System.out.printf(Locale.ROOT, "| daemon peak RSS | %d MB |%n", herald.peakRssMb());
      }
    } finally {
      Files.deleteIfExists(file);
    }
    System.exit(0);
  }

  /** Every 10th row has no mobile, so its home number is used; send times are in the future, so nothing goes out. */
  static long generate(Path file, int rows) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("First,Last,Mobile,Home,Appointment,Send at\n");
      StringBuilder line = new StringBuilder(128);
      for (int i = 0; i < rows; i++) {
        int area = AREAS[i % AREAS.length];
        int rest = i / AREAS.length;
        String number = "+1" + area + (200 + rest / 10_000 % 700) + String.format("%04d", rest % 10_000);
        line.setLength(0);
        line.append("Pat").append(i).append(",Doe").append(i % 97).append(',');
        if (i % 10 == 0) {
          line.append(",\"").append(number).append('"');
        } else {
          line.append(number).append(',');
        }
        line.append(",2099-0").append(1 + i % 9).append('-').append(10 + i % 18).append(" at 10:30,2099-0")
            .append(1 + i % 9).append('-').append(10 + i % 18).append(" 09:00\n");
        out.write(line.toString());
      }
    }
    return Files.size(file);
  }

  private static double heapUsed(Api metrics) {
    Matcher m = HEAP.matcher(metrics.get("/metrics").body());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** The operator's one call: turn Drop &amp; Go on for the first account. */
  private record DropCalls(int http) {
    void operatorEnables(String email, String password) throws Exception {
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + http + "/api/v1/accounts/1"))
          .header("Content-Type", "application/json")
          .header("Authorization", "Basic " + java.util.Base64.getEncoder()
              .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)))
          .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"dropAndGo\": true}")).build();
      var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("cannot turn Drop & Go on: " + response.body());
      }
    }
  }
}
