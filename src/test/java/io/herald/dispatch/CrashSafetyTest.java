package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Herald runs in a child process, is killed with SIGKILL in the middle of a 20,000-message job,
 * and is started again: every message ends final, the SMSC saw every number at least once, and at
 * most a window's worth of numbers twice.
 */
class CrashSafetyTest {
  private static final int MESSAGES = 20_000;
  private static final int WINDOW = 50;

  @Test
  void killedMidSendNothingIsLostAndDuplicatesAreBoundedByTheWindow() throws Exception {
    try (TestDatabase db = TestDatabase.create(); CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      smsc.receiptDelayMillis(50);
      int httpPort = TestHerald.freePort();
      Path config = Files.createTempFile("herald-crash", ".json");
      Files.writeString(config, new JsonObject()
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort))
          .put("db", new JsonObject().put("url", db.url()))
          .put("admin", new JsonObject().put("email", TestHerald.ADMIN_EMAIL).put("password", TestHerald.ADMIN_PASSWORD))
          .put("drop", new JsonObject().put("enabled", false)) // no FTP site: several daemons may run at once
          .put("dispatch", new JsonObject().put("leaseSeconds", 5).put("pollMillis", 100))
          .put("smsc", new JsonArray().add(new JsonObject().put("name", "carrier").put("port", smsc.port())
              .put("systemId", "carrier").put("password", "pw").put("window", WINDOW).put("tps", 3000)))
          .encodePrettily());
      Process first = startChild(config, "first");
      try {
        Api api = new Api(httpPort, TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
        awaitUp(httpPort);
        StringBuilder body = new StringBuilder("{\"recipients\": [");
        for (int i = 0; i < MESSAGES; i++) {
          body.append(i == 0 ? "" : ",").append("{\"to\": \"+1").append(i < 10_000 ? "202" : "312").append("555")
              .append(String.format("%04d", i % 10_000)).append("\", \"body\": \"crash test ").append(i).append("\"}");
        }
        body.append("]}");
        assertEquals(201, api.post("/api/v1/jobs", body.toString()).status());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (smsc.submits().size() < MESSAGES / 4 && System.nanoTime() < deadline) {
          Api.sleep(20);
        }
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown of any kind
        first.waitFor(30, TimeUnit.SECONDS);
      }
      int seenAtKill = smsc.submits().size();
      Process second = startChild(config, "second");
      try {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (db.queryLong("SELECT count(*) FROM messages WHERE state IN ('queued', 'sending', 'submitted')") > 0
            && System.nanoTime() < deadline) {
          Api.sleep(200);
        }
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      Map<String, Long> accepted = smsc.submits().stream().filter(s -> s.messageId() != null)
          .collect(Collectors.groupingBy(CloudhopperSmsc.Submit::destination, Collectors.counting()));
      long twice = accepted.values().stream().filter(n -> n >= 2).count();
      long thrice = accepted.values().stream().filter(n -> n >= 3).count();
      System.out.printf("crash safety: killed after %d submits; %d numbers reached the SMSC, %d twice, %d three times or more (window %d)%n",
          seenAtKill, accepted.size(), twice, thrice, WINDOW);
      assertEquals(0, db.queryLong("SELECT count(*) FROM messages WHERE state IN ('queued', 'sending', 'submitted')"),
          "every message ends final");
      assertEquals(MESSAGES, db.queryLong("SELECT count(*) FROM messages WHERE state = 'delivered'"));
      assertEquals(MESSAGES, accepted.size(), "every number reached the SMSC");
      assertTrue(twice <= WINDOW, twice + " numbers went twice");
      assertEquals(0, thrice);
      assertEquals("completed", db.queryText("SELECT status FROM jobs"));
    }
  }

  private static Process startChild(Path config, String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    File log = new File("target/crash-" + name + ".log");
    return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.herald.Herald",
        "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  private static void awaitUp(int port) {
    Await.until("Herald up on port " + port, Duration.ofSeconds(60), () -> {
      try {
        return new Api(port, null, null).get("/health").status() == 200;
      } catch (IllegalStateException notYet) {
        return false; // not listening yet
      }
    });
  }
}
