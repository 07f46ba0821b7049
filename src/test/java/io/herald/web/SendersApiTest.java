package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Senders: each account's own addresses, checked as they are added, one account per number unless shared. */
class SendersApiTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();
  static long other;
  static Api otherAdmin;

  @BeforeAll
  static void secondAccount() {
    other = h.operator.post("/api/v1/accounts", new JsonObject().put("name", "Other Clinic")).json().getLong("id");
    Api.Response user = h.operator.post("/api/v1/users", new JsonObject().put("email", "boss@other.example")
        .put("password", "another long password").put("role", "admin").put("account", other));
    assertEquals(201, user.status(), user.body());
    otherAdmin = new Api(h.herald.httpPort(), "boss@other.example", "another long password");
  }

  @Test
  void anAdminAddsSendersWhoseKindIsInferred() {
    JsonObject number = created(h.admin, new JsonObject().put("address", "+12025550100"));
    assertEquals("long_code", number.getString("kind"));
    assertTrue(number.getBoolean("takesReplies"), "a number takes replies unless told otherwise");
    assertFalse(number.getBoolean("default"), "the account's first sender stays its default");
    JsonObject name = created(h.admin, new JsonObject().put("address", "CLINIC").put("tps", 5));
    assertEquals("alphanumeric", name.getString("kind"));
    assertFalse(name.getBoolean("takesReplies"), "nobody can answer a name");
    assertEquals(5.0, name.getDouble("tps"));
    List<String> addresses = h.admin.get("/api/v1/senders").json().getJsonArray("senders").stream()
        .map(s -> ((JsonObject) s).getString("address")).toList();
    assertTrue(addresses.containsAll(List.of("+12025550100", "CLINIC")), addresses.toString());
  }

  @Test
  void badAddressesAndSettingsAreRefusedWithTheReason() {
    refused(h.admin, new JsonObject().put("address", "2025550199"), 400, "address",
        "a long code is written in E.164: + and the country code, then 7 to 14 digits, such as +12025550100;"
            + " a short code is 3 to 8 digits");
    refused(h.admin, new JsonObject().put("address", "FarTooLongName"), 400, "address",
        "an alphanumeric sender is 1 to 11 letters, digits, spaces or . - & _ of the GSM alphabet");
    refused(h.admin, new JsonObject().put("address", "Ünïcødé✓"), 400, "address",
        "an alphanumeric sender is 1 to 11 letters, digits, spaces or . - & _ of the GSM alphabet");
    refused(h.admin, new JsonObject().put("address", "SCHOOL").put("takesReplies", true), 400, "takesReplies",
        "an alphanumeric sender cannot take replies: phones cannot answer a name");
    refused(h.admin, new JsonObject().put("address", "77777").put("shared", true), 403, "shared",
        "only operators share a short code between accounts");
    refused(h.admin, new JsonObject().put("address", "+12025550101").put("smsc", "carrier"), 403, "smsc",
        "only operators route a sender to an SMSC connection");
    refused(h.operator, "?account=1", new JsonObject().put("address", "+12025550102").put("smsc", "nowhere"), 400,
        "smsc", "smsc must name a configured SMSC connection: carrier");
    refused(h.operator, "?account=1", new JsonObject().put("address", "+12025550103").put("shared", true), 400,
        "shared", "only a short code can be shared between accounts");
    refused(h.admin, new JsonObject().put("address", "+12025550104").put("tps", 0), 400, "tps",
        "tps must be a number of messages per second above 0 and at most 100000, or null for no rate of its own");
  }

  @Test
  void aNumberBelongsToOneAccountUnlessAnOperatorSharesAShortCode() {
    created(h.admin, new JsonObject().put("address", "+12025550110"));
    refused(otherAdmin, new JsonObject().put("address", "+12025550110"), 409, "address",
        "+12025550110 belongs to another account");
    refused(h.admin, new JsonObject().put("address", "+12025550110"), 409, "address",
        "+12025550110 is already a sender of this account");
    created(h.operator, "?account=1", new JsonObject().put("address", "55555").put("shared", true));
    refused(otherAdmin, new JsonObject().put("address", "55555"), 409, "address",
        "55555 belongs to another account (an operator can share a short code between accounts)");
    JsonObject shared = created(h.operator, "?account=" + other, new JsonObject().put("address", "55555").put("shared", true));
    assertTrue(shared.getBoolean("shared"));
  }

  @Test
  void theDefaultMovesAndCannotBeDeleted() {
    JsonObject first = created(otherAdmin, new JsonObject().put("address", "+12025550120"));
    assertTrue(first.getBoolean("default"), "an account's first sender is its default");
    JsonObject second = created(otherAdmin, new JsonObject().put("address", "+12025550121").put("default", true));
    assertTrue(second.getBoolean("default"));
    JsonArray all = otherAdmin.get("/api/v1/senders").json().getJsonArray("senders");
    assertEquals(1, all.stream().filter(s -> ((JsonObject) s).getBoolean("default")).count(), all.encode());
    Api.Response deleteDefault = otherAdmin.send("DELETE", "/api/v1/senders/" + second.getLong("id"), null);
    assertEquals(409, deleteDefault.status());
    assertEquals("the default sender cannot be deleted: make another sender the default first",
        deleteDefault.json().getString("error"));
    assertEquals(404, h.admin.send("PATCH", "/api/v1/senders/" + first.getLong("id"), new JsonObject().put("tps", 3))
        .status(), "another account's sender is not found");
    assertEquals(204, otherAdmin.send("DELETE", "/api/v1/senders/" + first.getLong("id"), null).status());
    Api.Response routed = h.operator.send("PATCH", "/api/v1/senders/" + second.getLong("id") + "?account=" + other,
        new JsonObject().put("smsc", "carrier"));
    assertEquals("carrier", routed.json().getString("smsc"), routed.body());
    Api.Response sent = otherAdmin.post("/api/v1/messages", new JsonObject().put("to", "+12025550777").put("body", "Routed"));
    assertEquals(202, sent.status(), sent.body());
    h.awaitTexts(List.of("+12025550777"), 1);
    assertEquals("12025550121", h.smsc.submits().stream().filter(s -> s.destination().equals("12025550777"))
        .findFirst().orElseThrow().source(), "from the account's default sender, through its SMSC");
  }

  private static JsonObject created(Api caller, JsonObject body) {
    return created(caller, "", body);
  }

  private static JsonObject created(Api caller, String query, JsonObject body) {
    Api.Response r = caller.post("/api/v1/senders" + query, body);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  private static void refused(Api caller, JsonObject body, int status, String field, String error) {
    refused(caller, "", body, status, field, error);
  }

  private static void refused(Api caller, String query, JsonObject body, int status, String field, String error) {
    Api.Response r = caller.post("/api/v1/senders" + query, body);
    assertEquals(status, r.status(), r.body());
    assertEquals(error, r.json().getString("error"));
    assertEquals(field, r.json().getString("field"), r.body());
  }
}
