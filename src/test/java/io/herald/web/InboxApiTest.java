package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.HeraldHarness;
import io.herald.testing.Seed;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replies from the SMPP peer land in the inbox of the account that owns the number, and staff answer them. */
class InboxApiTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();
  static Seed.Account other;

  @BeforeAll
  static void senders() {
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550100")).status());
    other = Seed.account(h.herald.httpPort(), "Other Clinic", null, null, "boss@other.example", "+12025550200");
  }

  @Test
  void aReplyOpensAConversationOfItsAccountOnlyAndStaffAnswerIt() throws Exception {
    reply("12025550143", "12025550100", "Can I move my appointment?");
    JsonObject c = awaitConversation(h.admin, "+12025550143", 1);
    assertEquals("+12025550100", c.getString("sender"));
    assertEquals("active", c.getString("state"));
    assertEquals("Can I move my appointment?", c.getString("lastText"));
    assertTrue(other.admin().get("/api/v1/conversations").json().getJsonArray("conversations").stream()
        .noneMatch(x -> ((JsonObject) x).getString("phone").equals("+12025550143")), "never the other account's");
    long id = c.getLong("id");
    assertEquals(404, other.admin().get("/api/v1/conversations/" + id).status());

    Api.Response answered = h.admin.post("/api/v1/conversations/" + id + "/messages",
        new JsonObject().put("text", "Yes: call us on 555-0100"));
    assertEquals(202, answered.status(), answered.body());
    h.awaitTexts(List.of("+12025550143"), 1);
    assertEquals("12025550100", h.smsc.submits().stream().filter(s -> s.destination().equals("12025550143"))
        .findFirst().orElseThrow().source(), "from the conversation's number");
    JsonArray thread = h.admin.get("/api/v1/conversations/" + id).json().getJsonArray("messages");
    assertEquals(List.of("in", "out"), thread.stream().map(m -> ((JsonObject) m).getString("direction")).toList());
    assertEquals("staff", thread.getJsonObject(1).getString("source"));
    assertEquals("admin@test.example", thread.getJsonObject(1).getString("by"));

    assertEquals(0, h.admin.post("/api/v1/conversations/" + id + "/read", "").json().getInteger("unread"));
    assertEquals("closed", h.admin.post("/api/v1/conversations/" + id + "/close", "").json().getString("state"));
    reply("12025550143", "12025550100", "Thanks!");
    JsonObject reopened = awaitConversation(h.admin, "+12025550143", 1);
    assertEquals("active", reopened.getString("state"), "a closed conversation reopens when the phone writes");
    assertEquals(id, reopened.getLong("id"), "later replies add to the same conversation");
  }

  @Test
  void aThreadWithAnOptedOutPhoneCannotSend() throws Exception {
    reply("12025550144", "12025550100", "STOP");
    JsonObject c = Await.value("the opt-out to show in the conversation", () -> {
      JsonObject found = conversation(h.admin, "+12025550144");
      return found != null && found.getBoolean("optedOut") ? found : null;
    });
    Api.Response refused = h.admin.post("/api/v1/conversations/" + c.getLong("id") + "/messages",
        new JsonObject().put("text", "Are you sure?"));
    assertEquals(409, refused.status());
    assertTrue(refused.json().getString("error").startsWith("+12025550144 opted out"), refused.body());
    JsonArray thread = Await.value("the STOP answer in the thread", () -> {
      JsonArray t = h.admin.get("/api/v1/conversations/" + c.getLong("id")).json().getJsonArray("messages");
      return t.size() == 2 ? t : null;
    });
    assertEquals("keyword", thread.getJsonObject(1).getString("source"), "STOP's confirmation shows in the thread");
  }

  @Test
  void aSharedShortCodeReplyGoesToTheAccountThatTextedThePhone() throws Exception {
    assertEquals(201, h.operator.post("/api/v1/senders?account=1", new JsonObject().put("address", "55555")
        .put("shared", true)).status());
    assertEquals(201, h.operator.post("/api/v1/senders?account=" + other.id(), new JsonObject().put("address", "55555")
        .put("shared", true)).status());
    Api.Response sent = other.admin().post("/api/v1/messages", new JsonObject().put("to", "+12025550150")
        .put("from", "55555").put("body", "Your results are in"));
    assertEquals(202, sent.status(), sent.body());
    h.awaitTexts(List.of("+12025550150"), 1);
    reply("12025550150", "55555", "What do they say?");
    awaitConversation(other.admin(), "+12025550150", 1);
    assertEquals(null, conversation(h.admin, "+12025550150"), "the account that did not text the phone sees nothing");
  }

  @Test
  void aSharedShortCodeReplyGoesToTheAccountHoldingTheConversationLock() throws Exception {
    assertEquals(201, h.operator.post("/api/v1/senders?account=1", new JsonObject().put("address", "66666")
        .put("shared", true)).status());
    assertEquals(201, h.operator.post("/api/v1/senders?account=" + other.id(), new JsonObject().put("address", "66666")
        .put("shared", true)).status());
    // the other account texted the phone last, but this one's drop holds the phone's conversation lock
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", true)).status());
    long profile = h.admin.post("/api/v1/drop-profiles", new JsonObject().put("username", "locking").put("hasHeader", false)
        .put("mobileColumn", 1).put("from", "66666").put("conversationLock", true).put("template", "Reply to book"))
        .json().getLong("id");
    var upload = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + h.herald.httpPort() + "/api/v1/drop-profiles/" + profile + "/files?name=lock.csv"))
        .header("Content-Type", "text/csv").header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString((TestHerald.ADMIN_EMAIL + ":" + TestHerald.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("+12025550170\n")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(201, upload.statusCode(), upload.body());
    h.awaitTexts(List.of("+12025550170"), 1);
    assertEquals(202, other.admin().post("/api/v1/messages", new JsonObject().put("to", "+12025550170")
        .put("from", "66666").put("body", "From the other account")).status());
    h.awaitTexts(List.of("+12025550170"), 2);
    reply("12025550170", "66666", "Book me in");
    awaitConversation(h.admin, "+12025550170", 1);
    assertEquals(null, conversation(other.admin(), "+12025550170"), "the lock decides, not the last text");
  }

  @Test
  void aReplyToAnAddressNoAccountHasIsKeptUnrouted() throws Exception {
    reply("12025550160", "12025559876", "Hello?");
    Await.until("the reply stored", () -> h.db.queryLong(
        "SELECT count(*) FROM inbound_messages WHERE sender = '+12025550160'") == 1);
    Await.sleep(300);
    assertEquals(0, h.db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+12025550160'"
        + " AND account_id IS NOT NULL"));
    assertFalse(h.admin.get("/api/v1/conversations?q=550160").json().getJsonArray("conversations").size() > 0);
    JsonObject unrouted = h.operator.get("/api/v1/replies/unrouted").json().getJsonArray("replies").stream()
        .map(x -> (JsonObject) x).filter(x -> x.getString("from").equals("+12025550160")).findFirst().orElseThrow();
    assertEquals("Hello?", unrouted.getString("text"));
    assertEquals(403, h.admin.get("/api/v1/replies/unrouted").status(), "operators only");
  }

  private static void reply(String from, String to, String text) throws Exception {
    assertEquals(0, h.smsc.sendMo(from, to, text.getBytes(StandardCharsets.ISO_8859_1), 0, 0, Map.of()).get());
  }

  private static JsonObject awaitConversation(Api caller, String phone, int unread) {
    return Await.value("a conversation with " + phone + " with " + unread + " unread", () -> {
      JsonObject c = conversation(caller, phone);
      return c != null && c.getInteger("unread") == unread ? c : null;
    });
  }

  private static JsonObject conversation(Api caller, String phone) {
    return caller.get("/api/v1/conversations").json().getJsonArray("conversations").stream().map(x -> (JsonObject) x)
        .filter(x -> x.getString("phone").equals(phone)).findFirst().orElse(null);
  }
}
