package io.herald.bench;

import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * scripts/bench alert: a mass text alert to N clients (2,000) at PACE texts a minute while a
 * conversation text goes every 100 ms; the time from the API's answer to the submit_sm at the
 * SMSC for the conversation texts (p50, p99, max), and how many alert texts went meanwhile.
 */
public final class AlertBench {
  private AlertBench() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int pace = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
    int texts = 200;
    try (TestDatabase db = TestDatabase.create(); CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      smsc.receiptDelayMillis(100);
      int http = BenchSetup.freePort();
      JsonObject config = BenchSetup.config(db, http, smsc, 100, 1000).put("alerts", new JsonObject().put("perMinute", pace));
      try (ChildHerald herald = new ChildHerald(config, http, "alert", "-Xmx1g")) {
        herald.awaitUp();
        db.execute("UPDATE accounts SET two_way = true, alerts = true");
        Api api = new Api(http, BenchSetup.EMAIL, BenchSetup.PASSWORD);
        api.post("/api/v1/senders", new JsonObject().put("address", "+12025550100"));
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        JsonArray appointments = new JsonArray();
        for (int i = 0; i < clients; i++) {
          appointments.add(new JsonObject().put("externalId", "a" + i).put("clientName", "Client " + i)
              .put("phone", "+1202" + (5_550_000 + i)).put("startAt", tomorrow + "T09:00:00Z"));
        }
        api.post("/api/v1/appointments", new JsonObject().put("appointments", appointments));
        Instant alertAt = Instant.now();
        JsonObject alert = api.post("/api/v1/alerts", new JsonObject().put("from", tomorrow + "T00:00:00Z")
            .put("to", tomorrow.plusDays(1) + "T00:00:00Z").put("body", "The clinic opens at 10 tomorrow.")).json();
        Map<String, Instant> queuedAt = new HashMap<>();
        for (int i = 0; i < texts; i++) {
          String to = "+1312555" + String.format("%04d", i);
          api.post("/api/v1/messages", new JsonObject().put("to", to).put("body", "Reply " + i));
          queuedAt.put(to.substring(1), Instant.now());
          Thread.sleep(100);
        }
        Thread.sleep(2_000);
        List<Double> millis = new ArrayList<>();
        long alertTexts = 0;
        Instant lastAlert = alertAt;
        for (CloudhopperSmsc.Submit s : smsc.submits()) {
          Instant queued = queuedAt.get(s.destination());
          if (queued != null) {
            millis.add(Duration.between(queued, s.receivedAt()).toNanos() / 1e6);
          } else {
            alertTexts++;
            lastAlert = s.receivedAt().isAfter(lastAlert) ? s.receivedAt() : lastAlert;
          }
        }
        Collections.sort(millis);
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| alert clients | %d (alert %d, %d a minute) |%n", clients, alert.getLong("id"), pace);
        System.out.printf(Locale.ROOT, "| alert texts at the SMSC meanwhile | %d (last %.1f s after sending) |%n", alertTexts,
            Duration.between(alertAt, lastAlert).toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "| conversation texts (one per 100 ms) arrived | %d of %d |%n", millis.size(), texts);
        System.out.printf(Locale.ROOT, "| enqueue to submit_sm p50 | %.1f ms |%n", PriorityBench.pct(millis, 0.50));
        System.out.printf(Locale.ROOT, "| enqueue to submit_sm p99 | %.1f ms |%n", PriorityBench.pct(millis, 0.99));
        System.out.printf(Locale.ROOT, "| enqueue to submit_sm max | %.1f ms |%n",
            millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1));
      }
    }
    System.exit(0);
  }
}
