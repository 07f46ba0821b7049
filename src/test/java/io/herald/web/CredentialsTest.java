package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change to a user counts from the very next request, whichever way it logs in; every way of
 * logging in shares one throttle keyed on the normalised e-mail and the address.
 */
class CredentialsTest {
  static TestDatabase db;
  static Herald herald;
  static Api admin;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, new JsonObject()
        .put("logins", new JsonObject().put("maxPerLoginAndAddress", 4).put("maxPerAddress", 1_000).put("maxPerLogin", 1_000))));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  private static long addUser(String email, String password, String role) {
    Api.Response r = admin.post("/api/v1/users", new JsonObject().put("email", email).put("password", password).put("role", role));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static Api.Response send(String method, String path, JsonObject body) {
    return new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD).send(method, path, body);
  }

  @Test
  void aNewPasswordCountsFromTheNextBasicRequest() {
    long id = addUser("rotating@test.example", "first password", "admin");
    Api before = new Api(herald.httpPort(), "rotating@test.example", "first password");
    assertEquals(200, before.get("/api/v1/jobs").status());
    assertEquals(200, send("PUT", "/api/v1/users/" + id, new JsonObject().put("password", "second password")).status());
    Api.Response old = before.get("/api/v1/jobs");
    assertEquals(401, old.status(), "the old password stops at once, though it was just used");
    assertEquals("wrong e-mail or password", old.json().getString("error"));
    assertEquals(200, new Api(herald.httpPort(), "rotating@test.example", "second password").get("/api/v1/jobs").status());
  }

  @Test
  void aNewRoleAndADeletionCountFromTheNextBasicRequest() {
    long id = addUser("leaving@test.example", "leaving password", "admin");
    Api leaving = new Api(herald.httpPort(), "leaving@test.example", "leaving password");
    assertEquals(200, leaving.get("/api/v1/users").status());
    assertEquals(200, send("PUT", "/api/v1/users/" + id, new JsonObject().put("role", "user")).status());
    assertEquals(403, leaving.get("/api/v1/users").status(), "a user is no longer an admin");
    assertEquals(200, send("PUT", "/api/v1/users/" + id, new JsonObject().put("role", "admin")).status());
    assertEquals(200, leaving.get("/api/v1/users").status());
    assertEquals(204, send("DELETE", "/api/v1/users/" + id, null).status());
    Api.Response made = leaving.post("/api/v1/users", new JsonObject().put("email", "planted@test.example")
        .put("password", "planted password").put("role", "admin"));
    assertEquals(401, made.status(), "a deleted admin can do nothing more, even within the minute");
    assertEquals(401, new Api(herald.httpPort(), "planted@test.example", "planted password").get("/api/v1/jobs").status());
  }

  @Test
  void basicGuessesAreThrottledLikeLogInsAndShareTheirCount() {
    addUser("target@test.example", "target password", "user");
    Api wrong = new Api(herald.httpPort(), "target@test.example", "wrong");
    for (int i = 0; i < 2; i++) {
      assertEquals(401, wrong.get("/api/v1/jobs").status());
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(401, new UiSession(herald.httpPort()).logIn("TARGET@test.example", "wrong").statusCode(),
          "the admin UI's log-in counts against the same e-mail, whatever its case");
    }
    Api.Response locked = new Api(herald.httpPort(), "target@test.example", "target password").get("/api/v1/jobs");
    assertEquals(429, locked.status(), "the right password is not even looked at");
    assertEquals("too many failed log-ins for this user from your address; try again in 15 minutes",
        locked.json().getString("error"));
    HttpResponse<String> ui = new UiSession(herald.httpPort()).logIn("target@test.example", "target password");
    assertEquals(429, ui.statusCode());
    assertTrue(Long.parseLong(ui.headers().firstValue("Retry-After").orElseThrow()) > 0);
    assertEquals(200, admin.get("/api/v1/jobs").status(), "another user from the same address is not locked");
  }

  @Test
  void anEmailThatOnlyLooksLikeAnotherDoesNotLogInAsIt() {
    addUser("admin2@test.example", "admin2 password", "admin");
    // capital I with a dot above: in Java it lower-cases to i and a combining dot, not to a plain i
    assertEquals(401, new Api(herald.httpPort(), "adm\u0130n2@test.example", "admin2 password").get("/api/v1/jobs").status());
    assertEquals(401, new Api(herald.httpPort(), "ADM\u0130N2@TEST.EXAMPLE", "admin2 password").get("/api/v1/jobs").status());
    assertEquals(200, new Api(herald.httpPort(), "ADMIN2@TEST.EXAMPLE", "admin2 password").get("/api/v1/jobs").status(),
        "plain upper case is the same address");
    assertEquals(200, new Api(herald.httpPort(), "\uFF41dmin2@test.example", "admin2 password").get("/api/v1/jobs").status(),
        "a full-width letter is the same letter once normalised (NFKC)");
    Api.Response taken = admin.post("/api/v1/users", new JsonObject().put("email", "\uFF21DMIN2@test.example")
        .put("password", "another password").put("role", "user"));
    assertEquals(409, taken.status(), "and so the address is taken");
  }
}
