package io.herald.smsc.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/simulator/replies: an operator sends a reply from a phone through the built-in simulator, and Herald
 * acts on it as on a carrier's (STOP opts the number out and is confirmed, HELP is answered).
 */
class SimulatorRepliesApiTest {
  static final String USER = "clerk@test.example";
  static final String PASSWORD = "clerk password 1";
  static TestDatabase db;
  static Herald herald;
  static Api operator;
  static Api admin;
  static Api user;
  static long account;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withSimulator(10)));
    operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", USER).put("password", PASSWORD)
        .put("role", "user")).status());
    user = new Api(herald.httpPort(), USER, PASSWORD);
    account = db.queryLong("SELECT id FROM accounts ORDER BY id LIMIT 1");
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  private static Api.Response reply(Api as, JsonObject body) {
    return as.post("/api/v1/simulator/replies", body);
  }

  /** The account's sent log entry to this number whose text starts so, once it is delivered. */
  private static JsonObject sent(String to, String textStart) {
    JsonObject log = admin.await("/api/v1/reports/sent-log", r -> r.getJsonArray("messages", new JsonArray()).stream()
        .map(JsonObject.class::cast).anyMatch(m -> to.equals(m.getString("to")) && m.getString("text").startsWith(textStart)
            && "delivered".equals(m.getString("status"))));
    return log.getJsonArray("messages").stream().map(JsonObject.class::cast)
        .filter(m -> to.equals(m.getString("to")) && m.getString("text").startsWith(textStart)).findFirst().orElseThrow();
  }

  @Test
  void stopAfterAMessageOptsTheNumberOutAndIsConfirmed() {
    long id = admin.post("/api/v1/messages", new JsonObject().put("to", "+12025550143").put("body", "Your visit is at 3pm"))
        .json().getLong("id");
    admin.await("/api/v1/messages/" + id, m -> m.getString("status").equals("delivered"));

    Api.Response sent = reply(operator, new JsonObject().put("from", "+12025550143").put("text", "STOP"));
    assertEquals(202, sent.status(), sent.body());
    assertEquals(new JsonObject().put("from", "+12025550143").put("to", "Herald").put("text", "STOP")
        .put("encoding", "GSM7").put("parts", 1), sent.json(), "sent to the sender of the last message");

    JsonObject optOuts = admin.await("/api/v1/opt-outs?q=2025550143", r -> r.getJsonArray("optOuts").size() == 1);
    assertEquals("+12025550143", optOuts.getJsonArray("optOuts").getJsonObject(0).getString("address"));
    assertEquals("reply", optOuts.getJsonArray("optOuts").getJsonObject(0).getString("source"));
    JsonObject event = admin.get("/api/v1/opt-outs/%2B12025550143/history").json().getJsonArray("history").getJsonObject(0);
    assertEquals("replied 'STOP'", event.getString("reason"), "the reply was recorded");
    assertEquals("You have been unsubscribed and will receive no more messages. Reply START to subscribe again.",
        sent("+12025550143", "You have been unsubscribed").getString("text"));
  }

  @Test
  void helpToANamedSenderInUcs2TextIsAnswered() {
    Api.Response sent = reply(operator, new JsonObject().put("from", "(202) 555-0144").put("to", "Herald").put("text", "HELP"));
    assertEquals(202, sent.status(), sent.body());
    assertEquals("+12025550144", sent.json().getString("from"), "read in the default account's region");
    assertEquals("Reply STOP to unsubscribe, START to subscribe again.", sent("+12025550144", "Reply STOP").getString("text"));

    Api.Response ucs2 = reply(operator, new JsonObject().put("from", "+12025550145").put("to", "Herald")
        .put("text", "Merci 😀 ".repeat(20)));
    assertEquals(202, ucs2.status(), ucs2.body());
    assertEquals("UCS2", ucs2.json().getString("encoding"));
    assertEquals(3, ucs2.json().getInteger("parts"));
    assertEquals(1, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+12025550145' AND body = '"
        + "Merci 😀 ".repeat(20) + "' AND parts = 3 AND recipient = 'Herald'"), "Herald put the three parts together");
  }

  @Test
  void onlyOperatorsMaySendReplies() {
    JsonObject body = new JsonObject().put("from", "+12025550146").put("to", "Herald").put("text", "STOP");
    for (Api who : new Api[] {admin, user}) {
      Api.Response refused = reply(who, body);
      assertEquals(403, refused.status(), refused.body());
      assertEquals("only operators may do this", refused.json().getString("error"));
      assertEquals(403, who.get("/api/v1/simulator").status());
    }
    assertEquals(0, db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550146'"));
    assertEquals(new JsonObject().put("running", true).put("receivers", 1), operator.get("/api/v1/simulator").json());
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertBad(new JsonObject().put("to", "Herald").put("text", "STOP"), "from",
        "from is required: the phone number the reply comes from, e.g. +12025550143");
    assertBad(new JsonObject().put("from", "555").put("to", "Herald").put("text", "STOP"), "from",
        "from must be a valid phone number, e.g. +12025550143");
    assertBad(new JsonObject().put("from", 12025550147L).put("to", "Herald").put("text", "STOP"), "from",
        "from must be a valid phone number, e.g. +12025550143");
    assertBad(new JsonObject().put("from", "+12025550147").put("to", "Herald").put("text", ""), "text",
        "text must not be empty");
    assertBad(new JsonObject().put("from", "+12025550147").put("to", "Herald"), "text", "text must not be empty");
    assertBad(new JsonObject().put("from", "+12025550147").put("to", "Herald").put("text", "x".repeat(1531)), "text",
        "text is too long: it takes 11 parts of GSM7, a reply at most 10");
    assertBad(new JsonObject().put("from", "+12025550147").put("text", "STOP"), "to",
        "to is required: the simulator has sent nothing to +12025550147 since it started, so name the sender, "
            + "short code or long number");
    assertBad(new JsonObject().put("from", "+12025550147").put("to", "A sender name far too long").put("text", "STOP"),
        "to", "to must be a sender, short code or long number of at most 20 letters, digits or signs, e.g. Herald or "
            + "+12025550100");
    Api.Response notJson = operator.post("/api/v1/simulator/replies", "from=+12025550147");
    assertEquals(400, notJson.status(), notJson.body());
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+12025550147'"));
  }

  private static void assertBad(JsonObject body, String field, String error) {
    Api.Response r = reply(operator, body);
    assertEquals(400, r.status(), r.body());
    assertEquals(field, r.json().getString("field"), r.body());
    assertEquals(error, r.json().getString("error"));
  }

  @Test
  void withoutABoundSessionOrWithoutTheSimulatorTheReplyIsRefused() throws Exception {
    try (CloudhopperSmsc carrier = CloudhopperSmsc.start("carrier", "pw"); TestDatabase other = TestDatabase.create()) {
      JsonObject idle = TestHerald.withPeer(carrier, 10, 100).put("simulator", new JsonObject().put("enabled", true)
          .put("port", TestHerald.freePort()));
      Herald unbound = TestHerald.startUp(TestHerald.config(other, idle));
      try {
        Api.Response r = reply(new Api(unbound.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD),
            new JsonObject().put("from", "+12025550148").put("to", "Herald").put("text", "STOP"));
        assertEquals(409, r.status(), r.body());
        assertEquals("the simulator has no bound session to deliver on", r.json().getString("error"));
      } finally {
        TestHerald.stop(unbound);
      }
    }
    try (CloudhopperSmsc carrier = CloudhopperSmsc.start("carrier", "pw"); TestDatabase other = TestDatabase.create()) {
      Herald real = TestHerald.startUp(TestHerald.config(other, TestHerald.withPeer(carrier, 10, 100)));
      try {
        Api op = new Api(real.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
        Api.Response r = reply(op, new JsonObject().put("from", "+12025550148").put("to", "Herald").put("text", "STOP"));
        assertEquals(404, r.status(), r.body());
        assertEquals("the SMSC simulator is not running: Herald is connected to a real SMSC", r.json().getString("error"));
        assertEquals(404, op.get("/api/v1/simulator").status());
      } finally {
        TestHerald.stop(real);
      }
    }
  }
}
