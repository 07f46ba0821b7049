package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.smsc.encoding.TextDecoder;
import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * STOP, START and HELP replies arriving over SMPP from an independent SMSC (cloudhopper-smpp): the
 * sender's number is suppressed or released, the contact shows it, and the answer reaches the SMSC
 * as a submit_sm from the address the reply was sent to.
 */
class ReplyKeywordsTest {
  static CloudhopperSmsc smsc;
  static ContactsFixture f;

  @BeforeAll
  static void start() throws Exception {
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(20);
    f = new ContactsFixture(new JsonObject().put("smsc", new JsonArray().add(new JsonObject().put("name", "carrier")
        .put("port", smsc.port()).put("systemId", "carrier").put("password", "pw").put("window", 10).put("tps", 1000)
        .put("reconnectMinMillis", 50).put("reconnectMaxMillis", 500))));
    new Api(f.herald.httpPort(), null, null).await("/health", h -> h.getString("status").equals("up"));
    // a long code of the first account, which replies address without '+' as some carriers give it
    Api admin = new Api(f.herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    assertEquals(201, admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550000")).status());
  }

  @AfterAll
  static void stop() {
    f.close();
    smsc.close();
  }

  private static void reply(String from, String to, String text) throws Exception {
    assertEquals(0, smsc.sendMo(from, to, text.getBytes(StandardCharsets.ISO_8859_1), 0, 0, Map.of()).get());
  }

  /** The text of the first submit_sm to this number, waiting for it. */
  private static String answerTo(String number, int nth) {
    return Await.value("answer number " + nth + " to reach the SMSC for " + number, () -> {
      List<CloudhopperSmsc.Submit> to = smsc.submits().stream()
          .filter(s -> s.destination().replace("+", "").equals(number.replace("+", ""))).toList();
      if (to.size() < nth) {
        return null;
      }
      CloudhopperSmsc.Submit s = to.get(nth - 1);
      return s.source().replace("+", "") + ": " + TextDecoder.decode(s.shortMessage(), s.dataCoding());
    });
  }

  private static void awaitRows(String sql, long expected) {
    Await.until(expected + " from " + sql, () -> f.db.queryLong(sql) == expected);
  }

  @Test
  void stopSuppressesTheNumberAndIsConfirmed() throws Exception {
    long contact = f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Stopper")
        .put("phone", "+12025550201")).json().getLong("id");
    reply("12025550201", "Herald", "  Stop ");
    awaitRows("SELECT count(*) FROM suppressions WHERE account_id = " + f.accountId
        + " AND address = '+12025550201' AND source = 'reply'", 1);
    JsonObject c = f.admin.get("/api/v1/contacts/" + contact).json();
    assertEquals("opted-out", c.getJsonArray("details").getJsonObject(0).getString("status"));
    assertEquals(false, c.getBoolean("active"));
    assertEquals("Herald: You have been unsubscribed and will receive no more messages. Reply START to subscribe again.",
        answerTo("+12025550201", 1));
    JsonObject history = f.admin.get("/api/v1/opt-outs/%2B12025550201/history").json();
    JsonObject event = history.getJsonArray("history").getJsonObject(0);
    assertEquals("reply", event.getString("source"));
    assertEquals("replied 'Stop'", event.getString("reason"));
    assertTrue(event.getString("actor").startsWith("reply "), event.getString("actor"));
    assertEquals(1, f.db.queryLong("SELECT count(*) FROM reply_confirmations r JOIN messages m ON m.id = r.message_id "
        + "WHERE m.recipient = '+12025550201' AND r.keyword = 'opt-out' AND m.lane = 'conversation'"));
    assertEquals(1, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550201'"),
        "only the account that owns 'Herald'");
  }

  @Test
  void startLiftsTheSuppressionAndHelpIsAnswered() throws Exception {
    reply("12025550202", "12025550000", "STOP ALL");
    awaitRows("SELECT count(*) FROM suppressions WHERE address = '+12025550202'", 1);
    assertTrue(answerTo("12025550202", 1).startsWith("12025550000: You have been unsubscribed"),
        "answered from the long code the reply went to");
    reply("12025550202", "+12025550000", "unstop");
    awaitRows("SELECT count(*) FROM suppression_events WHERE address = '+12025550202' AND action = 'opted-in'", 1);
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550202'"));
    assertEquals("12025550000: You have been subscribed again. Reply STOP to unsubscribe.", answerTo("12025550202", 2));
    reply("12025550202", "12025550000", "help");
    assertEquals("12025550000: Reply STOP to unsubscribe, START to subscribe again.", answerTo("12025550202", 3));
    reply("12025550202", "12025550000", "Please stop calling me on Sundays");
    Api.sleep(500);
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550202'"),
        "only the whole message is a keyword");
  }

  @Test
  void yesIsAnOrdinaryReplyAndStartAnswersOnlyANumberThatOptedOut() throws Exception {
    reply("12025550203", "Herald", "Yes");
    reply("12025550203", "Herald", "START");
    awaitRows("SELECT count(*) FROM inbound_messages WHERE sender = '+12025550203'", 2);
    Api.sleep(500);
    assertEquals(0, smsc.submits().stream().filter(s -> s.destination().endsWith("12025550203")).count(),
        "no answer to a number that never opted out");
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM suppression_events WHERE address = '+12025550203'"));
    assertEquals(new JsonArray().add("START").add("UNSTOP"),
        f.admin.get("/api/v1/reply-keywords").json().getJsonObject("optIn").getJsonArray("keywords"));

    reply("12025550203", "Herald", "stop");
    assertTrue(answerTo("12025550203", 1).endsWith("Reply START to subscribe again."));
    reply("12025550203", "Herald", "yes");
    Api.sleep(500);
    assertEquals(1, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550203'"),
        "YES does not opt a number back in");
    reply("12025550203", "Herald", "start");
    assertEquals("Herald: You have been subscribed again. Reply STOP to unsubscribe.", answerTo("12025550203", 2));
  }

  @Test
  void keywordsAndAnswersAreTheAccountsOwn() throws Exception {
    Calls.Reply byUser = f.user.put("/api/v1/reply-keywords", new JsonObject());
    assertEquals(403, byUser.status());
    assertEquals(200, f.user.get("/api/v1/reply-keywords").status());
    Calls.Reply clash = f.other.put("/api/v1/reply-keywords", new JsonObject()
        .put("optIn", new JsonObject().put("keywords", new JsonArray().add("start").add("stop"))));
    assertEquals(400, clash.status());
    assertEquals("keyword 'STOP' is both in optOut and in optIn", clash.error());
    Calls.Reply changed = f.other.put("/api/v1/reply-keywords", new JsonObject()
        .put("optOut", new JsonObject().put("keywords", new JsonArray().add("stop").add("arrêt").add("halt please"))
            .put("reply", "Fini. Envoyez START pour revenir."))
        .put("help", new JsonObject().put("reply", "Clinic help: call 020 7946 0000.")));
    assertEquals(200, changed.status(), changed.body());
    assertEquals(new JsonArray().add("STOP").add("ARRÊT").add("HALTPLEASE"),
        changed.json().getJsonObject("optOut").getJsonArray("keywords"));
    assertEquals(changed.json(), f.other.get("/api/v1/reply-keywords").json());
    assertEquals("QUIT", f.admin.get("/api/v1/reply-keywords").json().getJsonObject("optOut").getJsonArray("keywords")
        .getString(5), "the first account keeps the defaults");

    reply("447911123458", "Clinic", "Halt please!");
    awaitRows("SELECT count(*) FROM suppressions WHERE account_id = " + f.otherAccountId
        + " AND address = '+447911123458'", 1);
    assertEquals("Clinic: Fini. Envoyez START pour revenir.", answerTo("447911123458", 1));
    reply("447911123458", "Clinic", "INFO");
    assertEquals("Clinic: Clinic help: call 020 7946 0000.", answerTo("447911123458", 2));
    reply("447911123459", "Clinic", "quit");
    Api.sleep(500);
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+447911123459'"),
        "QUIT is no opt-out keyword of this account");
  }
}
