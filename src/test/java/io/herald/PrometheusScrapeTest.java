package io.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.herald.testing.Await;
import io.herald.testing.HeraldHarness;
import io.herald.testing.MailServer;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's files in grafana/ against a real Prometheus scraping a test Herald: promtool checks
 * the config and the rules and runs the rules' unit tests; then, after some traffic, every
 * dashboard panel's query and every alert rule's query (its left side, the part compared with the
 * threshold) returns series, so no panel is empty because of a typo or a renamed meter.
 */
class PrometheusScrapeTest {
  private static final Path GRAFANA = Path.of("grafana");
  private static final Path RULES = GRAFANA.resolve("prometheus/herald-rules.yml");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final MailServer mail = MailServer.open();

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> new JsonObject()
      .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port()).put("from", "herald@clinic.example")));

  private static Process prometheus;
  private static Path work;
  private static String base;

  @BeforeAll
  static void startPrometheus() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")) && Files.isExecutable(Path.of("/usr/bin/promtool")),
        "Debian's prometheus package is needed (scripts/test installs it)");
    work = Files.createTempDirectory("herald-prometheus");
    int port = TestHerald.freePort();
    base = "http://127.0.0.1:" + port;
    Files.writeString(work.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: ["%s"]
        scrape_configs:
          - job_name: herald
            metrics_path: /metrics
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """.formatted(RULES.toAbsolutePath(), h.herald.httpPort()));
    prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + work.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
    Await.until("Prometheus ready", () -> {
      try {
        return get("/-/ready").statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(10, TimeUnit.SECONDS);
    }
    mail.close();
  }

  @Test
  void promtoolChecksTheConfigAndTheRulesAndRunsTheRulesTests() throws Exception {
    Path dir = GRAFANA.resolve("prometheus").toAbsolutePath();
    promtool(dir, "check", "config", "prometheus.yml");
    promtool(dir, "check", "rules", "herald-rules.yml");
    promtool(dir, "test", "rules", "herald-rules.test.yml");
  }

  @Test
  void everyPanelAndEveryRuleReturnsSeriesFromARealScrape() throws Exception {
    traffic();
    Map<String, String> queries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonObject dashboard = new JsonObject(Files.readString(file));
        panels(dashboard.getJsonArray("panels", new JsonArray()), file.getFileName() + ": ", queries);
      }
    }
    assertTrue(queries.size() >= 30, "the dashboards' panel queries: " + queries.size());
    // a rule's health is "unknown" until its group's first evaluation, a second or so after Prometheus starts
    Await.until("every rule evaluated once", () -> rules().stream().noneMatch(r -> "unknown".equals(r.getString("health"))));
    int rules = 0;
    for (JsonObject rule : rules()) {
      rules++;
      assertEquals("ok", rule.getString("health"), rule.getString("name") + ": " + rule.getString("lastError"));
      queries.put("rule " + rule.getString("name"), leftSide(rule.getString("query")));
    }
    assertTrue(rules >= 9, "alert rules loaded: " + rules);

    List<String> empty = new ArrayList<>();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      String query = q.getValue().replace("$__rate_interval", "1m").replace("$__interval", "1m")
          .replace("$__range", "5m").replace("$smsc", ".*");
      try {
        Await.until(q.getKey(), Duration.ofSeconds(20), () -> !result(query).isEmpty());
      } catch (AssertionError e) {
        empty.add(q.getKey() + ": " + query + " -> " + answer(query));
      }
    }
    if (!empty.isEmpty()) {
      fail(empty.size() + " of " + queries.size() + " queries returned no series:\n" + String.join("\n", empty));
    }
  }

  /** Texts delivered and one refused, a reply routed and one to nobody's number, a job through the API. */
  private static void traffic() throws Exception {
    h.smsc.responder(s -> s.destination().endsWith("0666") ? 0x0B : 0);
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550100")
        .put("default", true)).status());
    for (String to : List.of("+12025550101", "+12025550102", "+12025550666")) {
      assertEquals(202, h.admin.post("/api/v1/messages", new JsonObject().put("to", to).put("body", "Hello")).status());
    }
    assertEquals(201, h.admin.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550103").put("body", "Hi")))).status());
    byte[] text = "Thanks".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(0, h.smsc.sendMo("12025550101", "12025550100", text, 0, 0, Map.of()).get());
    assertEquals(0, h.smsc.sendMo("12025550102", "12025559999", text, 0, 0, Map.of()).get());
    h.awaitTexts(List.of("+12025550101", "+12025550102", "+12025550103"), 1);
    // the GC meters have series once a collection has happened: on a server within seconds, here at once
    System.gc();
    Await.until("the receipts' lags recorded", () -> !h.anonymous.get("/metrics").body()
        .contains("herald_receipt_lag_seconds_count{smsc=\"carrier\"} 0.0"));
  }

  private static List<JsonObject> rules() {
    try {
      List<JsonObject> out = new ArrayList<>();
      for (Object g : json("/api/v1/rules").getJsonObject("data").getJsonArray("groups")) {
        ((JsonObject) g).getJsonArray("rules").forEach(r -> out.add((JsonObject) r));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every target's expression, rows' own panels included, keyed by dashboard and panel title. */
  private static void panels(JsonArray panels, String prefix, Map<String, String> out) {
    for (Object p : panels) {
      JsonObject panel = (JsonObject) p;
      panels(panel.getJsonArray("panels", new JsonArray()), prefix, out);
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      for (int i = 0; i < targets.size(); i++) {
        String expr = targets.getJsonObject(i).getString("expr");
        if (expr != null) {
          out.put(prefix + panel.getString("title") + (targets.size() > 1 ? " #" + (i + 1) : ""), expr);
        }
      }
    }
  }

  /** The rule's query less its top-level comparison with the threshold: what must have series while all is well. */
  static String leftSide(String query) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '"' && (i == 0 || query.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
        depth++;
      } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
        depth--;
      } else if (!quoted && depth == 0 && (c == '>' || c == '<' || (c == '=' || c == '!') && i + 1 < query.length()
          && query.charAt(i + 1) == '=')) {
        return query.substring(0, i).strip();
      }
    }
    return query;
  }

  private static JsonArray result(String query) {
    JsonObject answer = answer(query);
    assertEquals("success", answer.getString("status"), query + ": " + answer.encode());
    return answer.getJsonObject("data").getJsonArray("result");
  }

  private static JsonObject answer(String query) {
    try {
      return json("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(String path) throws IOException, InterruptedException {
    return new JsonObject(get(path).body());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void promtool(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool " + String.join(" ", args) + " did not finish");
    assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
  }
}
