package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operators create, list, change and disable accounts; a disabled account sends nothing and cannot log in. */
class AccountsApiTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void operatorsCreateListAndChangeAccounts() {
    Api.Response created = h.operator.post("/api/v1/accounts", new JsonObject().put("name", "Northside Clinic")
        .put("region", "GB").put("timeZone", "Europe/London").put("twoWay", true).put("rateTps", 20));
    assertEquals(201, created.status(), created.body());
    JsonObject account = created.json();
    long id = account.getLong("id");
    assertEquals(new JsonObject().put("id", id).put("name", "Northside Clinic").put("region", "GB")
        .put("timeZone", "Europe/London").put("dropAndGo", false).put("twoWay", true).put("alerts", false)
        .put("campaigns", false).put("broadcasts", false).put("rateTps", 20.0).put("maxListRecipients", 3500).putNull("alertsPerMinute")
        .put("retentionDays", 400).put("disabled", false).putNull("disabledAt").put("createdAt", account.getString("createdAt")), account);
    JsonArray all = h.operator.get("/api/v1/accounts").json().getJsonArray("accounts");
    List<String> names = all.stream().map(a -> ((JsonObject) a).getString("name")).toList();
    assertEquals("Default", names.get(0), "in the order they were made");
    assertTrue(names.contains("Northside Clinic"), names.toString());

    Api.Response changed = h.operator.send("PATCH", "/api/v1/accounts/" + id, new JsonObject().put("alerts", true)
        .putNull("rateTps").put("maxListRecipients", 5000).put("name", "Northside Vets").put("retentionDays", 90));
    assertEquals(200, changed.status(), changed.body());
    assertEquals(true, changed.json().getBoolean("alerts"));
    assertEquals(true, changed.json().getBoolean("twoWay"), "what the change does not name stays");
    assertTrue(changed.json().containsKey("rateTps") && changed.json().getValue("rateTps") == null, "null removes the cap");
    assertEquals(5000, changed.json().getInteger("maxListRecipients"));
    assertEquals(90, changed.json().getInteger("retentionDays"));
    assertEquals(changed.json(), h.operator.get("/api/v1/accounts/" + id).json());
  }

  @Test
  void badSettingsAreRefusedNamingTheFieldAndValue() {
    assertRefused(400, new JsonObject().put("name", "A").put("region", "XX"), "region", "XX");
    assertRefused(400, new JsonObject().put("name", "A").put("timeZone", "Mars/Olympus"), "timeZone", "Mars/Olympus");
    assertRefused(400, new JsonObject().put("name", "A").put("rateTps", 0), "rateTps", 0.0);
    assertRefused(400, new JsonObject().put("name", "A").put("maxListRecipients", 0), "maxListRecipients", 0);
    assertRefused(400, new JsonObject().put("name", "A").put("dropAndGo", "yes"), "dropAndGo", "yes");
    assertRefused(400, new JsonObject().put("name", "A").put("retentionDays", 6), "retentionDays", 6);
    assertRefused(400, new JsonObject().put("name", "A").put("retentionDays", 3661), "retentionDays", 3661);
    assertRefused(400, new JsonObject().put("name", "A").put("retentionDays", 30.5), "retentionDays", "30.5");
    assertRefused(400, new JsonObject().put("name", "A").put("colour", "red"), "colour", null);
    assertRefused(400, new JsonObject().put("region", "US"), "name", null);
    assertRefused(409, new JsonObject().put("name", "DEFAULT"), "name", "DEFAULT");
    assertEquals("an account named 'DEFAULT' already exists",
        h.operator.post("/api/v1/accounts", new JsonObject().put("name", "DEFAULT")).json().getString("error"));
    assertEquals(404, h.operator.send("PATCH", "/api/v1/accounts/999", new JsonObject().put("alerts", true)).status());
  }

  @Test
  void accountAdminsReadTheirOwnAccountOnly() {
    long other = h.operator.post("/api/v1/accounts", new JsonObject().put("name", "Elsewhere")).json().getLong("id");
    assertEquals(403, h.admin.get("/api/v1/accounts").status());
    assertEquals(403, h.admin.post("/api/v1/accounts", new JsonObject().put("name", "Mine")).status());
    assertEquals(403, h.admin.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("alerts", true)).status());
    assertEquals("Default", h.admin.get("/api/v1/accounts/1").json().getString("name"));
    assertEquals(404, h.admin.get("/api/v1/accounts/" + other).status(), "another account is not found, not forbidden");
  }

  @Test
  void aDisabledAccountSendsNothingAndItsUsersCannotLogIn() {
    UiSession ui = new UiSession(h.herald.httpPort());
    assertEquals(200, ui.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD).statusCode());
    assertEquals(200, disabled(true).status());
    Api.Response queued = h.operator.post("/api/v1/jobs?account=1", new JsonObject()
        .put("template", "Held while disabled").put("recipients", new JsonArray().add(new JsonObject().put("to", "+12025550777"))));
    assertEquals(201, queued.status(), queued.body());
    long job = queued.json().getLong("id");

    Api.Response basic = h.admin.get("/api/v1/jobs/" + job);
    assertEquals(403, basic.status());
    assertEquals("this account is disabled: ask your Herald operator", basic.json().getString("error"));
    assertEquals(401, ui.get("/api/v1/accounts/1").statusCode(), "an open session ends with the account");
    assertEquals(403, ui.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD).statusCode());
    Await.sleep(1_500); // several dispatch rounds: none may take the job
    assertEquals(List.of(), h.textsTo("+12025550777"));
    JsonObject held = h.operator.get("/api/v1/jobs/" + job + "?account=1").json();
    assertEquals(1, held.getJsonObject("counts").getLong("queued"));
    assertEquals("the account is disabled: nothing is sent until an operator enables it again", held.getString("held"));

    assertEquals(200, disabled(false).status());
    h.awaitTexts(List.of("+12025550777"), 1);
    assertEquals(List.of("Held while disabled"), h.textsTo("+12025550777"));
    assertEquals(200, h.admin.get("/api/v1/jobs/" + job).status(), "its users are back");
    assertEquals(null, h.admin.get("/api/v1/jobs/" + job).json().getValue("held"));
  }

  private static Api.Response disabled(boolean on) {
    Api.Response r = h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("disabled", on));
    assertEquals(on, r.json().getBoolean("disabled"), r.body());
    return r;
  }

  private static void assertRefused(int status, JsonObject body, String field, Object value) {
    Api.Response r = h.operator.post("/api/v1/accounts", body);
    assertEquals(status, r.status(), r.body());
    assertEquals(field, r.json().getString("field"), r.body());
    assertEquals(value, r.json().getValue("value"), r.body());
  }
}
