package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.herald.testing.Seed;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API keys: made by account admins with a role, shown once, used as Bearer, revoked at once. */
class ApiKeysApiTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void aKeyIsShownOnceUsedAsBearerAndRevokedAtOnce() throws Exception {
    Api.Response made = h.admin.post("/api/v1/api-keys", new JsonObject().put("name", "Booking system"));
    assertEquals(201, made.status(), made.body());
    String key = made.json().getString("key");
    assertTrue(key.startsWith("hk_") && key.length() > 40, key);
    assertEquals("user", made.json().getString("role"), "a key is a user unless made an admin");
    assertEquals(key.substring(0, 10), made.json().getString("prefix"));
    JsonObject listed = h.admin.get("/api/v1/api-keys").json().getJsonArray("keys").getJsonObject(0);
    assertFalse(listed.containsKey("key"), "the key itself is never shown again");
    assertNull(listed.getValue("lastUsedAt"));

    HttpResponse<String> sent = bearer(key, "POST", "/api/v1/messages",
        new JsonObject().put("to", "+12025550501").put("body", "From the booking system"));
    assertEquals(202, sent.statusCode(), sent.body());
    h.awaitTexts(List.of("+12025550501"), 1);
    assertNotNull(h.admin.get("/api/v1/api-keys").json().getJsonArray("keys").getJsonObject(0).getValue("lastUsedAt"));
    assertEquals(403, bearer(key, "GET", "/api/v1/users", null).statusCode(), "a user key is no admin");

    long id = listed.getLong("id");
    assertTrue(h.admin.send("DELETE", "/api/v1/api-keys/" + id, null).json().getBoolean("revoked"));
    HttpResponse<String> after = bearer(key, "GET", "/api/v1/jobs", null);
    assertEquals(401, after.statusCode());
    assertEquals("unknown or revoked API key", new JsonObject(after.body()).getString("error"));
  }

  @Test
  void anAdminKeyActsAsAnAdminOfItsAccountOnly() throws Exception {
    String key = h.admin.post("/api/v1/api-keys", new JsonObject().put("name", "Sync").put("role", "admin"))
        .json().getString("key");
    assertEquals(200, bearer(key, "GET", "/api/v1/users", null).statusCode());
    Seed.Account other = Seed.account(h.herald.httpPort(), "Other", null, null, "boss@other.example", "Other");
    long theirs = other.admin().post("/api/v1/api-keys", new JsonObject().put("name", "Theirs")).json().getLong("id");
    assertEquals(404, bearer(key, "DELETE", "/api/v1/api-keys/" + theirs, null).statusCode());
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("disabled", true)).status());
    assertEquals(401, bearer(key, "GET", "/api/v1/users", null).statusCode(), "a disabled account's keys stop");
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("disabled", false)).status());
    assertEquals(200, bearer(key, "GET", "/api/v1/users", null).statusCode());
  }

  @Test
  void badKeysAreRefusedNamingTheField() {
    Api.Response noName = h.admin.post("/api/v1/api-keys", new JsonObject().put("name", " "));
    assertEquals(400, noName.status());
    assertEquals("name", noName.json().getString("field"));
    Api.Response operatorRole = h.admin.post("/api/v1/api-keys", new JsonObject().put("name", "X").put("role", "operator"));
    assertEquals("role must be user or admin", operatorRole.json().getString("error"));
    assertEquals(201, h.admin.post("/api/v1/api-keys", new JsonObject().put("name", "Twice")).status());
    Api.Response twice = h.admin.post("/api/v1/api-keys", new JsonObject().put("name", "twice"));
    assertEquals(409, twice.status());
    assertEquals(401, new Api(h.herald.httpPort(), null, null).get("/api/v1/api-keys").status(),
        "nobody without credentials lists keys");
  }

  private static HttpResponse<String> bearer(String key, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.herald.httpPort() + path))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
