package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.Seed;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every API route for every role: who may, who is refused, and that another account's ids are
 * simply not found.
 */
class PermissionsTest {
  static final String USER = "user@test.example";
  static final String OTHER_ADMIN = "admin@other.example";
  static final String PASSWORD = "a long enough password";
  static TestDatabase db;
  static Herald herald;
  static Api admin;
  static Api otherAdmin;
  static long otherJob;
  static long otherAccount;
  static long otherSender;
  static long otherKey;
  static long otherConversation;
  static long otherMessage;
  static long otherContact;
  static long otherGroup;
  static long otherUser;
  static long otherImport;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, TestHerald.withSimulator(10)));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    new Api(herald.httpPort(), null, null).await("/health", h -> h.getString("status").equals("up"));
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", USER).put("password", PASSWORD).put("role", "user")).status());
    otherAdmin = Seed.account(herald.httpPort(), "Other", null, null, OTHER_ADMIN, "Other").admin();
    otherUser = db.queryLong("SELECT id FROM users WHERE email = '" + OTHER_ADMIN + "'");
    otherJob = otherAdmin.post("/api/v1/jobs", new JsonObject().put("name", "theirs").put("template", "hi")
        .put("recipients", new JsonArray().add(new JsonObject().put("to", "+12025550901")))).json().getLong("id");
    otherMessage = otherAdmin.post("/api/v1/messages", new JsonObject().put("to", "+12025550902").put("body", "hi")).json().getLong("id");
    otherContact = otherAdmin.post("/api/v1/contacts", new JsonObject().put("firstName", "Theirs").put("phone", "+12025550903")).json().getLong("id");
    otherGroup = otherAdmin.post("/api/v1/groups", new JsonObject().put("name", "Theirs")).json().getLong("id");
    otherImport = otherAdmin.post("/api/v1/imports", new JsonObject().put("text", "phone\n+12025550904")).json().getLong("id");
    otherAccount = db.queryLong("SELECT account_id FROM users WHERE id = " + otherUser);
    otherSender = otherAdmin.post("/api/v1/senders", new JsonObject().put("address", "+12025550990")).json().getLong("id");
    otherKey = otherAdmin.post("/api/v1/api-keys", new JsonObject().put("name", "Theirs")).json().getLong("id");
    Api operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    assertEquals(202, operator.post("/api/v1/simulator/replies", new JsonObject().put("from", "+12025550905")
        .put("to", "+12025550990").put("text", "hello")).status());
    otherConversation = Await.value("their conversation", () -> {
      JsonArray all = otherAdmin.get("/api/v1/conversations").json().getJsonArray("conversations");
      return all.isEmpty() ? null : all.getJsonObject(0).getLong("id");
    });
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  /** One call: method, path, JSON body (or null), and the status each of anonymous, user, admin, operator gets. */
  record Call(String method, String path, String body, int anonymous, int user, int admin, int operator) {}

  static int status(String method, String path, String body, String email, String password) {
    return call(method, path, body, email, password).statusCode();
  }

  static java.net.http.HttpResponse<String> call(String method, String path, String body, String email, String password) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (email != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return streamSafe(b);
  }

  /** The answer; a stream of server-sent events is closed once its status and headers are in. */
  private static java.net.http.HttpResponse<String> streamSafe(HttpRequest.Builder b) {
    try {
      var r = STREAMS.send(b.timeout(java.time.Duration.ofSeconds(30)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
      String text;
      try (var in = r.body()) {
        text = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new StreamedResponse(r, text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.net.http.HttpClient STREAMS = java.net.http.HttpClient.newHttpClient();

  /** A response whose body was read (or, for an event stream, left). */
  private record StreamedResponse(java.net.http.HttpResponse<java.io.InputStream> raw, String body)
      implements java.net.http.HttpResponse<String> {
    public int statusCode() { return raw.statusCode(); }
    public HttpRequest request() { return raw.request(); }
    public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
    public java.net.http.HttpHeaders headers() { return raw.headers(); }
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return raw.sslSession(); }
    public URI uri() { return raw.uri(); }
    public java.net.http.HttpClient.Version version() { return raw.version(); }
  }

  @Test
  void everyRouteAnswersEachRoleAsItShould() {
    // operators name the account with ?account=1; without it, account-scoped routes answer 400
    List<Call> calls = List.of(
        new Call("GET", "/api/v1/dashboard", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/dashboard?account=1", null, 401, 200, 200, 200),
        new Call("GET", "/api/v1/jobs", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/jobs?account=1", null, 401, 200, 200, 200),
        new Call("GET", "/api/v1/jobs/999999", null, 401, 404, 404, 400),
        new Call("POST", "/api/v1/jobs/999999/pause", "{}", 401, 404, 404, 400),
        new Call("POST", "/api/v1/jobs/999999/resume", "{}", 401, 404, 404, 400),
        new Call("POST", "/api/v1/jobs/999999/cancel", "{}", 401, 404, 404, 400),
        new Call("GET", "/api/v1/jobs/999999/report.csv", null, 401, 404, 404, 400),
        new Call("GET", "/api/v1/messages/999999", null, 401, 404, 404, 404),
        new Call("GET", "/api/v1/smsc", null, 401, 403, 403, 200),
        new Call("GET", "/api/v1/receipts/unmatched", null, 401, 403, 403, 200),
        new Call("GET", "/api/v1/simulator", null, 401, 403, 403, 200),
        new Call("POST", "/api/v1/simulator/replies", "{}", 401, 403, 403, 400),
        new Call("GET", "/api/v1/users", null, 401, 403, 200, 200),
        new Call("POST", "/api/v1/users", "{}", 401, 403, 400, 400),
        new Call("GET", "/api/v1/users/999999", null, 401, 403, 404, 404),
        new Call("PUT", "/api/v1/users/999999", "{}", 401, 403, 404, 404),
        new Call("DELETE", "/api/v1/users/999999", null, 401, 403, 404, 404),
        new Call("GET", "/api/v1/contacts", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/contacts?account=1", null, 401, 200, 200, 200),
        new Call("GET", "/api/v1/contacts/999999", null, 401, 404, 404, 400),
        new Call("GET", "/api/v1/contacts/export?format=csv", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/fields", null, 401, 200, 200, 400),
        new Call("POST", "/api/v1/fields", "{}", 401, 403, 400, 400),
        new Call("DELETE", "/api/v1/fields/nothing", null, 401, 403, 404, 400),
        new Call("GET", "/api/v1/groups", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/opt-outs", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/imports", null, 401, 200, 200, 400),
        new Call("GET", "/api/v1/nothing-here", null, 401, 404, 404, 404));
    List<String> wrong = new ArrayList<>();
    for (Call c : calls) {
      int[] expected = {c.anonymous(), c.user(), c.admin(), c.operator()};
      String[][] who = {{null, null}, {USER, PASSWORD}, {TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD},
          {TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD}};
      String[] names = {"anonymous", "user", "admin", "operator"};
      for (int i = 0; i < 4; i++) {
        int got = status(c.method(), c.path(), c.body(), who[i][0], who[i][1]);
        if (got != expected[i]) {
          wrong.add(c.method() + " " + c.path() + " as " + names[i] + ": " + got + ", expected " + expected[i]);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void anotherAccountsIdsAreNotFound() {
    List<String[]> calls = List.of(
        new String[] {"GET", "/api/v1/jobs/" + otherJob, null},
        new String[] {"POST", "/api/v1/jobs/" + otherJob + "/pause", "{}"},
        new String[] {"POST", "/api/v1/jobs/" + otherJob + "/resume", "{}"},
        new String[] {"POST", "/api/v1/jobs/" + otherJob + "/cancel", "{}"},
        new String[] {"GET", "/api/v1/jobs/" + otherJob + "/report.csv", null},
        new String[] {"GET", "/api/v1/messages/" + otherMessage, null},
        new String[] {"GET", "/api/v1/contacts/" + otherContact, null},
        new String[] {"PUT", "/api/v1/contacts/" + otherContact, "{\"firstName\":\"Mine\"}"},
        new String[] {"DELETE", "/api/v1/contacts/" + otherContact, null},
        new String[] {"GET", "/api/v1/groups/" + otherGroup, null},
        new String[] {"DELETE", "/api/v1/groups/" + otherGroup, null},
        new String[] {"GET", "/api/v1/imports/" + otherImport, null},
        new String[] {"GET", "/api/v1/users/" + otherUser, null},
        new String[] {"PUT", "/api/v1/users/" + otherUser, "{\"role\":\"user\"}"},
        new String[] {"DELETE", "/api/v1/users/" + otherUser, null},
        new String[] {"GET", "/api/v1/accounts/" + otherAccount, null},
        new String[] {"PATCH", "/api/v1/senders/" + otherSender, "{\"tps\":3}"},
        new String[] {"DELETE", "/api/v1/senders/" + otherSender, null},
        new String[] {"DELETE", "/api/v1/api-keys/" + otherKey, null},
        new String[] {"GET", "/api/v1/conversations/" + otherConversation, null},
        new String[] {"POST", "/api/v1/conversations/" + otherConversation + "/messages", "{\"text\":\"mine\"}"},
        new String[] {"POST", "/api/v1/conversations/" + otherConversation + "/close", "{}"},
        new String[] {"POST", "/api/v1/conversations/" + otherConversation + "/reopen", "{}"},
        new String[] {"POST", "/api/v1/conversations/" + otherConversation + "/read", "{}"});
    List<String> wrong = new ArrayList<>();
    for (String[] c : calls) {
      for (String[] who : List.of(new String[] {TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD}, new String[] {USER, PASSWORD})) {
        boolean adminsOnly = c[1].startsWith("/api/v1/users") || c[1].startsWith("/api/v1/senders")
            || c[1].startsWith("/api/v1/api-keys");
        int expected = adminsOnly && who[0].equals(USER) ? 403 : 404;
        int got = status(c[0], c[1], c[2], who[0], who[1]);
        if (got != expected) {
          wrong.add(c[0] + " " + c[1] + " as " + who[0] + ": " + got + ", expected " + expected);
        }
      }
    }
    assertEquals(List.of(), wrong);
    // and nothing of theirs changed
    assertEquals(200, otherAdmin.get("/api/v1/contacts/" + otherContact).status());
    org.junit.jupiter.api.Assertions.assertNotEquals("cancelled", otherAdmin.get("/api/v1/jobs/" + otherJob).json().getString("status"));
    assertEquals("admin", db.queryText("SELECT role FROM users WHERE id = " + otherUser));
    assertEquals(1, otherAdmin.get("/api/v1/conversations").json().getLong("unread"), "their reply stays unread");
    assertEquals(1, db.queryLong("SELECT count(*) FROM senders WHERE id = " + otherSender));
    assertEquals(0, db.queryLong("SELECT count(*) FROM api_keys WHERE id = " + otherKey + " AND revoked_at IS NOT NULL"));
  }

  @Test
  void adminsManageTheirAccountsUsersOnly() {
    Api.Response made = admin.post("/api/v1/users", new JsonObject().put("email", "new@test.example").put("password", PASSWORD)
        .put("role", "operator"));
    assertEquals(400, made.status());
    assertEquals("role must be admin or user", made.json().getString("error"));
    Api.Response short_ = admin.post("/api/v1/users", new JsonObject().put("email", "new@test.example").put("password", "short").put("role", "user"));
    assertEquals("password must be at least 10 characters", short_.json().getString("error"));
    Api.Response ok = admin.post("/api/v1/users", new JsonObject().put("email", "new@test.example").put("password", PASSWORD)
        .put("role", "user").put("account", 999));
    assertEquals(201, ok.status(), ok.body());
    assertEquals(1, ok.json().getLong("account")); // an admin's new user joins the admin's account, whatever it asks
    Api.Response again = admin.post("/api/v1/users", new JsonObject().put("email", "NEW@test.example").put("password", PASSWORD).put("role", "user"));
    assertEquals(409, again.status());
    assertEquals("a user with this e-mail already exists", again.json().getString("error"));
    List<String> emails = admin.get("/api/v1/users").json().getJsonArray("users").stream()
        .map(u -> ((JsonObject) u).getString("email")).toList();
    assertEquals(List.of(TestHerald.ADMIN_EMAIL, USER, "new@test.example"), emails);
    long self = db.queryLong("SELECT id FROM users WHERE email = '" + TestHerald.ADMIN_EMAIL + "'");
    assertEquals(409, status("DELETE", "/api/v1/users/" + self, null, TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD));
  }

  @Test
  void operatorsManageEveryone() {
    Api operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    Api.Response made = operator.post("/api/v1/users", new JsonObject().put("email", "helper@other.example").put("password", PASSWORD)
        .put("role", "user").put("account", db.queryLong("SELECT id FROM accounts WHERE name = 'Other'")));
    assertEquals(201, made.status(), made.body());
    List<String> theirs = operator.get("/api/v1/users?account=" + made.json().getLong("account")).json().getJsonArray("users").stream()
        .map(u -> ((JsonObject) u).getString("email")).toList();
    assertEquals(List.of(OTHER_ADMIN, "helper@other.example"), theirs);
    assertEquals(204, status("DELETE", "/api/v1/users/" + made.json().getLong("id"), null, TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD));
  }

  /**
   * Walks the one route table: every line refuses the roles below its own with 403 and lets the
   * others through to the route (which may still answer 400 or 404 for the empty call), and
   * nobody gets in without credentials. A route missing from the table stops start-up.
   */
  @Test
  void theRouteTableDecidesForEveryRoute() {
    String[][] roles = {{USER, PASSWORD, "USER"}, {TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD, "ADMIN"},
        {TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD, "OPERATOR"}};
    List<String> wrong = new ArrayList<>();
    for (RouteRoles.Rule rule : RouteRoles.RULES) {
      // ids no account has; an operator's call names the first account
      String path = rule.path().replaceAll(":[A-Za-z]+", "987654");
      String body = rule.method().name().equals("GET") || rule.method().name().equals("DELETE") ? null : "{}";
      int anonymous = status(rule.method().name(), path, body, null, null);
      if (anonymous != 401) {
        wrong.add(rule + " anonymous: " + anonymous);
      }
      for (String[] role : roles) {
        String withAccount = role[2].equals("OPERATOR") ? path + "?account=1" : path;
        var got = call(rule.method().name(), withAccount, body, role[0], role[1]);
        // the table's refusal, not a capability's own 403 (Drop & Go turned off for the account)
        boolean refused = got.statusCode() == 403 && got.body().contains("\"error\":\"only ");
        boolean allowed = RouteRoles.allows(rule.least(), io.herald.accounts.Role.valueOf(role[2]));
        if (allowed == refused) {
          wrong.add(rule + " as " + role[2] + ": " + got.statusCode() + " " + got.body());
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(404, status("GET", "/api/v1/not-a-route", null, TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD));
  }
}
