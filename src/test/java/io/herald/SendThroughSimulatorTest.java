package io.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The daemon with its built-in simulator: texts go out over SMPP and come back as receipts. */
class SendThroughSimulatorTest {
  static TestDatabase db;
  static Herald herald;
  static Api api;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, TestHerald.withSimulator(100)));
    api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    new Api(herald.httpPort(), null, null).await("/health", h -> h.getString("status").equals("up"));
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  @Test
  void healthNamesTheDatabaseAndEachConnection() {
    Api.Response health = new Api(herald.httpPort(), null, null).get("/health");
    assertEquals(200, health.status());
    assertEquals(new JsonObject().put("status", "up").put("db", "up")
        .put("smsc", new JsonObject().put("simulator", "bound")).put("mail", "off"), health.json());
  }

  @Test
  void aTextIsDeliveredWithItsPartsAndHistory() {
    Api.Response sent = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550143").put("body", "Your appointment is at 10:00"));
    assertEquals(202, sent.status(), sent.body());
    JsonObject accepted = sent.json();
    assertEquals("queued", accepted.getString("status"));
    assertEquals("GSM7", accepted.getString("encoding"));
    assertEquals(1, accepted.getInteger("segments"));

    JsonObject message = api.await("/api/v1/messages/" + accepted.getLong("id"),
        m -> m.getString("status").equals("delivered"));
    assertEquals("+12025550143", message.getString("to"));
    assertEquals("simulator", message.getString("smsc"));
    JsonArray parts = message.getJsonArray("parts");
    assertEquals(1, parts.size());
    assertEquals("delivered", parts.getJsonObject(0).getString("status"));
    assertEquals("DELIVRD", parts.getJsonObject(0).getString("receiptStatus"));
    assertNotNull(parts.getJsonObject(0).getString("smscMessageId"));
    assertEquals(List.of("queued", "submitted", "delivered"), states(message));
  }

  @Test
  void aLongUnicodeTextGoesOutInPartsAndEveryPartIsDelivered() {
    String body = "Rappel: votre rendez-vous 😀 ".repeat(5); // UCS-2, 150 units -> 3 parts of 67
    JsonObject accepted = api.post("/api/v1/messages", new JsonObject().put("to", "2025550143").put("body", body)).json();
    assertEquals("UCS2", accepted.getString("encoding"));
    assertEquals(3, accepted.getInteger("segments"));
    assertEquals("+12025550143", accepted.getString("to"), "read in the account's region, stored as E.164");
    JsonObject message = api.await("/api/v1/messages/" + accepted.getLong("id"),
        m -> m.getString("status").equals("delivered"));
    assertEquals(3, message.getJsonArray("parts").size());
  }

  @Test
  void aNumberTheCarrierCannotReachEndsUndeliverable() {
    long id = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550000").put("body", "hello")).json().getLong("id");
    JsonObject message = api.await("/api/v1/messages/" + id, m -> m.getString("status").equals("undeliverable"));
    assertEquals("part 1: stat:UNDELIV err:001", message.getString("errorDetail"));
    assertEquals(List.of("queued", "submitted", "undeliverable"), states(message));
  }

  @Test
  void aSubmitTheSmscRefusesFailsWithTheCodeAndItsName() {
    long id = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550001").put("body", "hello")).json().getLong("id");
    JsonObject message = api.await("/api/v1/messages/" + id, m -> m.getString("status").equals("failed"));
    assertEquals("0x0000000B", message.getString("errorCode"));
    assertTrue(message.getString("errorDetail").contains("ESME_RINVDSTADR"), message.getString("errorDetail"));
  }

  @Test
  void aThrottledSubmitIsRetriedAndDelivered() {
    long id = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550002").put("body", "hello")).json().getLong("id");
    JsonObject message = api.await("/api/v1/messages/" + id, m -> m.getString("status").equals("delivered"));
    assertEquals(2, message.getInteger("attempts"));
    assertEquals(List.of("queued", "queued", "submitted", "delivered"), states(message));
    assertTrue(message.getJsonArray("events").getJsonObject(1).getString("detail").contains("ESME_RTHROTTLED"));
  }

  @Test
  void metricsCountMessagesByStateAndConnection() {
    long delivered = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550144").put("body", "m1")).json().getLong("id");
    long undeliverable = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550000").put("body", "m2")).json().getLong("id");
    api.await("/api/v1/messages/" + delivered, m -> m.getString("status").equals("delivered"));
    api.await("/api/v1/messages/" + undeliverable, m -> m.getString("status").equals("undeliverable"));
    String metrics = new Api(herald.httpPort(), null, null).get("/metrics").body();
    assertTrue(metrics.contains("herald_messages_total{smsc=\"simulator\",state=\"delivered\"}"), metrics);
    assertTrue(metrics.contains("herald_messages_total{smsc=\"simulator\",state=\"undeliverable\"}"), metrics);
    assertTrue(metrics.contains("herald_submit_seconds_bucket{smsc=\"simulator\""), "submit latency histogram");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM meters");
    assertTrue(metrics.contains("vertx_http_server_requests_total"), "Vert.x meters");
  }

  static List<String> states(JsonObject message) {
    return message.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("status")).toList();
  }
}
