package io.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.Api;
import io.herald.testing.Seed;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the API, what each caller sees, and how bad requests are answered. */
class ApiRequestsTest {
  static TestDatabase db;
  static Herald herald;
  static Api admin;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, new JsonObject()
        .put("messages", new JsonObject().put("maxParts", 3))));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    // a second customer with its own user
    Seed.account(herald.httpPort(), "Other clinic", "GB", "Europe/London", "other@clinic.example", "Clinic");
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  private static Api.Response send(Api api, JsonObject request) {
    return api.post("/api/v1/messages", request);
  }

  @Test
  void withoutCredentialsTheApiAnswers401() {
    Api anonymous = new Api(herald.httpPort(), null, null);
    Api.Response r = anonymous.post("/api/v1/messages", new JsonObject().put("to", "+12025550143").put("body", "hi"));
    assertEquals(401, r.status());
    assertEquals("authentication required", r.json().getString("error"));
    assertEquals(401, anonymous.get("/api/v1/messages/1").status());
  }

  @Test
  void aWrongPasswordAnswers401() {
    Api wrong = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, "not the password");
    Api.Response r = wrong.get("/api/v1/messages/1");
    assertEquals(401, r.status());
    assertEquals("wrong e-mail or password", r.json().getString("error"));
    assertEquals(401, new Api(herald.httpPort(), "nobody@example.com", "x").get("/api/v1/messages/1").status());
  }

  @Test
  void anotherAccountsMessageIsNotFound() {
    long mine = send(admin, new JsonObject().put("to", "+12025550143").put("body", "private")).json().getLong("id");
    Api other = new Api(herald.httpPort(), "other@clinic.example", Seed.PASSWORD);
    Api.Response r = other.get("/api/v1/messages/" + mine);
    assertEquals(404, r.status());
    assertEquals("message not found", r.json().getString("error"));
    assertEquals(200, admin.get("/api/v1/messages/" + mine).status());
  }

  @Test
  void numbersAreReadInTheAccountsOwnRegion() {
    Api other = new Api(herald.httpPort(), "other@clinic.example", Seed.PASSWORD);
    JsonObject accepted = send(other, new JsonObject().put("to", "07911 123456").put("body", "hi")).json();
    assertEquals("+447911123456", accepted.getString("to"));
    assertEquals("Clinic", accepted.getString("from"));
  }

  @Test
  void anInvalidNumberIsRefusedWithItsValue() {
    Api.Response r = send(admin, new JsonObject().put("to", "+1555123").put("body", "hi"));
    assertEquals(400, r.status());
    assertEquals(new JsonObject().put("error", "invalid phone number").put("field", "to").put("value", "+1555123"), r.json());
    assertEquals("invalid phone number", send(admin, new JsonObject().put("to", "call me").put("body", "hi")).json().getString("error"));
  }

  @Test
  void anEmptyBodyIsRefused() {
    Api.Response r = send(admin, new JsonObject().put("to", "+12025550143").put("body", ""));
    assertEquals(400, r.status());
    assertEquals(new JsonObject().put("error", "body is empty").put("field", "body").put("value", ""), r.json());
    assertEquals("body", send(admin, new JsonObject().put("to", "+12025550143")).json().getString("field"));
  }

  @Test
  void aBodyOverTheMaximumPartsIsRefused() {
    Api.Response r = send(admin, new JsonObject().put("to", "+12025550143").put("body", "x".repeat(153 * 3 + 1)));
    assertEquals(400, r.status());
    assertEquals("body", r.json().getString("field"));
    assertEquals("body is too long: 4 parts of GSM7, the maximum is 3", r.json().getString("error"));
  }

  @Test
  void anUnknownSenderIsRefused() {
    Api.Response r = send(admin, new JsonObject().put("to", "+12025550143").put("body", "hi").put("from", "Clinic"));
    assertEquals(400, r.status());
    assertEquals(new JsonObject().put("error", "unknown sender").put("field", "from").put("value", "Clinic"), r.json());
  }

  @Test
  void aMissingNumberAndANonJsonBodyAreRefused() {
    assertEquals(new JsonObject().put("error", "phone number is missing").put("field", "to"),
        send(admin, new JsonObject().put("body", "hi")).json());
    Api.Response notJson = admin.post("/api/v1/messages", "to=+12025550143");
    assertEquals(400, notJson.status());
    assertEquals("request body is not a JSON object", notJson.json().getString("error"));
    Api.Response wrongType = send(admin, new JsonObject().put("to", 12025550143L).put("body", "hi"));
    assertEquals("to must be a string", wrongType.json().getString("error"));
  }

  @Test
  void theMessageCountsItsSegmentsAndEncoding() {
    JsonObject accepted = send(admin, new JsonObject().put("to", "+12025550143").put("body", "€".repeat(81))).json();
    assertEquals("GSM7", accepted.getString("encoding"));
    assertEquals(2, accepted.getInteger("segments"), "81 euro signs are 162 septets");
    JsonObject emoji = send(admin, new JsonObject().put("to", "+12025550143").put("body", "😀".repeat(36))).json();
    assertEquals("UCS2", emoji.getString("encoding"));
    assertEquals(2, emoji.getInteger("segments"), "36 emoji are 72 UTF-16 units");
  }
}
