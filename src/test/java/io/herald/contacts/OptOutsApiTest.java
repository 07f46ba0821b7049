package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Opt-outs per account and address: one by one, a pasted list, taken back, with their history. */
class OptOutsApiTest {
  static ContactsFixture f;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void anAddressIsOptedOutOnceAndItsContactShowsIt() {
    long contact = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550171")
        .put("email", "optout@example.com")).json().getLong("id");
    Calls.Reply r = f.user.post("/api/v1/opt-outs", new JsonObject().put("address", "(202) 555-0171")
        .put("reason", "asked at the desk"));
    assertEquals(201, r.status(), r.body());
    assertEquals(new JsonObject().put("address", "+12025550171").put("kind", "phone").put("status", "opted-out")
        .put("changed", true), r.json());
    assertFalse(f.user.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550171")).json()
        .getBoolean("changed"));
    JsonObject c = f.admin.get("/api/v1/contacts/" + contact).json();
    assertEquals("opted-out", c.getJsonArray("details").getJsonObject(0).getString("status"));
    assertEquals("active", c.getJsonArray("details").getJsonObject(1).getString("status"));

    Calls.Reply email = f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "OptOut@Example.com")
        .put("source", "manual"));
    assertEquals("optout@example.com", email.json().getString("address"));
    assertFalse(f.admin.get("/api/v1/contacts/" + contact).json().getBoolean("active"), "both details opted out");

    assertEquals(1, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550171' AND account_id = "
        + f.accountId));
    assertEquals(0, f.other.get("/api/v1/opt-outs").json().getLong("total"), "per account");
  }

  @Test
  void badAddressesAreRefusedSayingWhy() {
    Calls.Reply phone = f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "555"));
    assertEquals(400, phone.status());
    assertEquals("'555' is not a valid phone number", phone.error());
    assertEquals("address", phone.json().getString("field"));
    assertEquals("'a@b' is not a valid e-mail address",
        f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "a@b")).error());
    assertEquals("source must be api or manual",
        f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550172").put("source", "reply")).error());
  }

  @Test
  void aPastedListIsOptedOutInOneGoAndBadLinesComeBack() {
    f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550181"));
    Calls.Reply r = f.admin.post("/api/v1/opt-outs/import", new JsonObject()
        .put("text", "+12025550181\n202 555 0182\nlist@example.com; second@example.com\n\nnot a number\n+12025550182\n")
        .put("reason", "paper list from reception"));
    assertEquals(200, r.status(), r.body());
    assertEquals(3, r.json().getInteger("optedOut"));
    assertEquals(1, r.json().getInteger("alreadyOptedOut"));
    assertEquals(new JsonArray().add(new JsonObject().put("line", 5).put("value", "not a number")
        .put("error", "'not a number' is not a valid phone number")), r.json().getJsonArray("rejected"));
    assertEquals("import", f.db.queryText("SELECT source FROM suppressions WHERE address = 'second@example.com'"));
    assertEquals("paper list from reception",
        f.db.queryText("SELECT reason FROM suppression_events WHERE address = '+12025550182'"));
    Calls.Reply list = f.admin.get("/api/v1/opt-outs?q=example.com");
    assertEquals(List.of("list@example.com", "second@example.com"), list.array("optOuts").stream()
        .map(o -> ((JsonObject) o).getString("address")).sorted().toList());
  }

  @Test
  void takingAnOptOutBackKeepsItsHistory() {
    f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550191").put("reason", "moved away"));
    Calls.Reply lifted = f.user.delete("/api/v1/opt-outs/%2B12025550191?reason=came%20back");
    assertEquals(200, lifted.status(), lifted.body());
    assertEquals("active", lifted.json().getString("status"));
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550191'"));
    Calls.Reply again = f.user.delete("/api/v1/opt-outs/%2B12025550191");
    assertEquals(404, again.status());
    assertEquals("'+12025550191' is not opted out", again.error());

    JsonObject history = f.user.get("/api/v1/opt-outs/%2B12025550191/history").json();
    assertEquals("active", history.getString("status"));
    JsonArray events = history.getJsonArray("history");
    assertEquals(2, events.size());
    assertEquals("opted-out", events.getJsonObject(0).getString("action"));
    assertEquals("api", events.getJsonObject(0).getString("source"));
    assertEquals("moved away", events.getJsonObject(0).getString("reason"));
    assertEquals("admin@test.example", events.getJsonObject(0).getString("actor"));
    assertEquals("opted-in", events.getJsonObject(1).getString("action"));
    assertEquals("came back", events.getJsonObject(1).getString("reason"));
    assertEquals(ContactsFixture.USER_EMAIL, events.getJsonObject(1).getString("actor"));
    assertTrue(events.getJsonObject(0).getString("at").compareTo(events.getJsonObject(1).getString("at")) <= 0);

    Calls.Reply never = f.user.get("/api/v1/opt-outs/%2B12025550199/history");
    assertEquals(404, never.status());
    assertEquals("'+12025550199' has never been opted out", never.error());
  }
}
