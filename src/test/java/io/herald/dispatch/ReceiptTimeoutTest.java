package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.config.HeraldConfig;
import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A message whose receipt never comes ends as unknown after the connection's receipt timeout, and its job completes. */
class ReceiptTimeoutTest {
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static HeraldConfig config;
  static Herald herald;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(-1); // an SMSC that never sends receipts
    JsonObject overrides = TestHerald.withPeer(smsc, 10, 1000);
    overrides.getJsonArray("smsc").getJsonObject(0).put("receiptTimeoutHours", 2);
    config = TestHerald.config(db, overrides);
    herald = TestHerald.startUp(config);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  private static Api api() {
    return new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  private static void restart() {
    TestHerald.stop(herald);
    herald = TestHerald.startUp(config);
  }

  @Test
  void aMessageWithoutAReceiptEndsUnknownAndItsJobCompletes() {
    JsonArray recipients = new JsonArray();
    for (String n : new String[] {"+12025550501", "+12025550502", "+12025550503"}) {
      recipients.add(new JsonObject().put("to", n).put("body", "Your results are ready"));
    }
    Api.Response created = api().post("/api/v1/jobs", new JsonObject().put("recipients", recipients));
    assertEquals(201, created.status(), created.body());
    long job = created.json().getLong("id");
    api().await("/api/v1/jobs/" + job, j -> j.getJsonObject("counts").getInteger("submitted", 0) == 3);

    // two went out three hours ago, one an hour ago: only the two are past the 2-hour timeout
    wentOut("now() - interval '3 hours'", "'+12025550501', '+12025550502'");
    wentOut("now() - interval '1 hour'", "'+12025550503'");
    restart();
    JsonObject waiting = api().await("/api/v1/jobs/" + job, j -> j.getJsonObject("counts").getInteger("unknown", 0) == 2);
    assertEquals(1, waiting.getJsonObject("counts").getInteger("submitted"));
    assertEquals("running", waiting.getString("status"), "one message may still get its receipt");

    long first = db.queryLong("SELECT id FROM messages WHERE recipient = '+12025550501'");
    JsonObject message = api().get("/api/v1/messages/" + first).json();
    assertEquals("unknown", message.getString("status"));
    JsonArray events = message.getJsonArray("events");
    JsonObject last = events.getJsonObject(events.size() - 1);
    assertEquals("unknown", last.getString("status"));
    assertEquals("no delivery receipt within 2 hours of the submit (receiptTimeoutHours)", last.getString("detail"));

    wentOut("now() - interval '3 hours'", "'+12025550503'");
    restart();
    JsonObject done = api().await("/api/v1/jobs/" + job, j -> j.getString("status").equals("completed"));
    assertEquals(3, done.getJsonObject("counts").getInteger("unknown"));
    assertTrue(herald.registry().scrape().contains("herald_messages_total{smsc=\"carrier\",state=\"unknown\"}"),
        "the meters count them too");
    String report = api().get("/api/v1/jobs/" + job + "/report.csv").body();
    assertTrue(report.contains("unknown"), report);
    JsonObject today = api().get("/api/v1/dashboard").json().getJsonObject("today");
    assertEquals(new JsonObject().put("sent", 3L).put("delivered", 0L).put("unknown", 3L).put("failed", 0L)
        .put("waiting", 0L), today, "the dashboard counts them as sent, as the reports do, and not as delivered");
  }

  /** As if these recipients' texts had been submitted at the given time: the message and its wait for a receipt. */
  private void wentOut(String at, String recipients) {
    db.execute("UPDATE messages SET updated_at = " + at + " WHERE recipient IN (" + recipients + ")");
    db.execute("UPDATE receipt_waits SET submitted_at = " + at
        + " WHERE message_id IN (SELECT id FROM messages WHERE recipient IN (" + recipients + "))");
  }
}
