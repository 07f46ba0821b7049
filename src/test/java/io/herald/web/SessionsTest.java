package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Log-in sessions: the cookie, CSRF on changes, log-out, throttling, and HTTP Basic still as before. */
class SessionsTest {
  static TestDatabase db;
  static Herald herald;
  static Api admin;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, new JsonObject()));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  private static void addUser(String email, String password, String role) {
    Api.Response r = admin.post("/api/v1/users", new JsonObject().put("email", email).put("password", password).put("role", role));
    assertEquals(201, r.status(), r.body());
  }

  @Test
  void aLogInSetsAStrictHttpOnlyCookieAndSaysWhoIsLoggedIn() {
    UiSession ui = new UiSession(herald.httpPort());
    HttpResponse<String> r = ui.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(ui.setCookie.startsWith("herald_session="), ui.setCookie);
    assertTrue(ui.setCookie.toLowerCase().contains("; httponly"), ui.setCookie);
    assertTrue(ui.setCookie.contains("SameSite=Strict"), ui.setCookie);
    assertFalse(ui.setCookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back");
    JsonObject me = new JsonObject(ui.get("/auth/session").body());
    assertEquals(TestHerald.ADMIN_EMAIL, me.getString("email"));
    assertEquals("admin", me.getString("role"));
    assertEquals("UTC", me.getJsonObject("account").getString("timeZone"));
    assertEquals(200, ui.get("/api/v1/jobs").statusCode());
  }

  @Test
  void behindATlsProxyTheCookieIsSecure() {
    HttpResponse<String> r = UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + "/auth/login"))
        .header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", TestHerald.ADMIN_EMAIL)
            .put("password", TestHerald.ADMIN_PASSWORD).encode())));
    assertTrue(r.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() {
    UiSession ui = new UiSession(herald.httpPort());
    ui.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    JsonObject contact = new JsonObject().put("firstName", "Csrf").put("phone", "+12025550801");
    HttpResponse<String> refused = ui.post("/api/v1/contacts", contact, false);
    assertEquals(403, refused.statusCode());
    assertEquals("missing or wrong CSRF token", new JsonObject(refused.body()).getString("error"));
    String real = ui.csrf;
    ui.csrf = "guessed";
    assertEquals(403, ui.post("/api/v1/contacts", contact, true).statusCode());
    ui.csrf = real;
    assertEquals(0, new JsonObject(admin.get("/api/v1/contacts?q=Csrf").body()).getInteger("total"));
    assertEquals(201, ui.post("/api/v1/contacts", contact, true).statusCode());
    assertEquals(403, ui.post("/auth/logout", new JsonObject(), false).statusCode());
  }

  @Test
  void aLoggedOutSessionIsGone() {
    UiSession ui = new UiSession(herald.httpPort());
    ui.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    HttpResponse<String> out = ui.post("/auth/logout", new JsonObject(), true);
    assertEquals(204, out.statusCode());
    assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    HttpResponse<String> after = ui.get("/api/v1/jobs");
    assertEquals(401, after.statusCode());
    assertEquals("your session has ended; log in again", new JsonObject(after.body()).getString("error"));
    assertTrue(after.headers().firstValue("WWW-Authenticate").isEmpty(), "no Basic pop-up in a browser");
  }

  @Test
  void repeatedWrongPasswordsLockTheEmailForAWhile() {
    addUser("guessed@test.example", "the real password", "user");
    UiSession ui = new UiSession(herald.httpPort());
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = ui.logIn("guessed@test.example", "guess " + i);
      assertEquals(401, wrong.statusCode());
      assertEquals("wrong e-mail or password", new JsonObject(wrong.body()).getString("error"));
    }
    HttpResponse<String> locked = ui.logIn("guessed@test.example", "the real password");
    assertEquals(429, locked.statusCode());
    assertEquals("too many failed log-ins for this user from your address; try again in 15 minutes",
        new JsonObject(locked.body()).getString("error"));
    long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 800 && retryAfter <= 900, "seconds until the oldest failure leaves the window: " + retryAfter);
  }

  @Test
  void aNewPasswordEndsSessionsAndANewRoleCountsAtOnce() {
    addUser("changing@test.example", "first password", "admin");
    UiSession ui = new UiSession(herald.httpPort());
    ui.logIn("changing@test.example", "first password");
    assertEquals(200, ui.get("/api/v1/users").statusCode());
    long id = new JsonObject(ui.get("/auth/session").body()).getString("email").isEmpty() ? 0
        : admin.get("/api/v1/users").json().getJsonArray("users").stream().map(JsonObject.class::cast)
            .filter(u -> u.getString("email").equals("changing@test.example")).findFirst().orElseThrow().getLong("id");
    assertEquals(200, put("/api/v1/users/" + id, new JsonObject().put("role", "user")));
    assertEquals(403, ui.get("/api/v1/users").statusCode());
    assertEquals(200, put("/api/v1/users/" + id, new JsonObject().put("password", "second password")));
    assertEquals(401, ui.get("/api/v1/jobs").statusCode());
    assertEquals(200, new UiSession(herald.httpPort()).logIn("changing@test.example", "second password").statusCode());
  }

  @Test
  void theLogInTakesJsonOnly() {
    HttpResponse<String> form = UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + "/auth/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("email=a&password=b")));
    assertEquals(415, form.statusCode());
  }

  @Test
  void httpBasicWorksAsBeforeAndNobodyElseGetsIn() {
    assertEquals(200, admin.get("/api/v1/jobs").status());
    Api.Response anonymous = new Api(herald.httpPort(), null, null).get("/api/v1/jobs");
    assertEquals(401, anonymous.status());
    assertEquals("authentication required", anonymous.json().getString("error"));
    assertEquals(401, new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, "wrong").get("/api/v1/jobs").status());
    HttpResponse<String> page = UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + "/")));
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
  }

  private static int put(String path, JsonObject body) {
    return UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + path))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (TestHerald.ADMIN_EMAIL + ":" + TestHerald.ADMIN_PASSWORD).getBytes()))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.encode()))).statusCode();
  }
}
