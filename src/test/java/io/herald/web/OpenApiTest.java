package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /api/v1/openapi.json: a valid OpenAPI 3.1 document, read by swagger-parser, that describes
 * every route the router mounts (and only those), with the role RouteRoles asks for, a 2xx answer
 * and the security each takes; and real answers of Herald have the statuses and fields it names.
 */
class OpenApiTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  /** Routes outside /api/v1 that need no credentials. */
  private static final Set<String> PUBLIC_ELSEWHERE = Set.of("GET /health", "GET /metrics", "POST /auth/login");
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static OpenAPI api;
  /** "METHOD /path/{id}" of every operation in the document. */
  static Map<String, Operation> operations = new TreeMap<>();

  @BeforeAll
  static void read() throws Exception {
    HttpResponse<String> got = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, got.statusCode(), "no credentials needed: " + got.body());
    assertEquals("application/json", got.headers().firstValue("Content-Type").orElse(null));
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(got.body(), null, options);
    assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "parse messages: " + parsed.getMessages());
    api = parsed.getOpenAPI();
    assertNotNull(api, "the document parses");
    assertEquals("3.1.0", api.getOpenapi());
    api.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, op) -> operations.put(method.name() + " " + path, op)));
  }

  private static String base() {
    return "http://127.0.0.1:" + h.herald.httpPort();
  }

  /** The router's /api/v1 routes as the document writes them. RULES is checked against the router when Herald starts. */
  private static Map<String, String> mountedApiRoutes() {
    Map<String, String> roles = new TreeMap<>();
    RouteRoles.RULES.forEach(r -> roles.put(key(r), r.least().dbName()));
    RouteRoles.PUBLIC.forEach(r -> roles.put(key(r), "public"));
    return roles;
  }

  private static String key(RouteRoles.Rule r) {
    return r.method().name() + " " + r.path().replaceAll(":([A-Za-z]+)", "{$1}");
  }

  @Test
  void everyMountedApiRouteIsDescribedAndNothingElse() {
    Map<String, String> mounted = mountedApiRoutes();
    TreeSet<String> missing = new TreeSet<>(mounted.keySet());
    missing.removeAll(operations.keySet());
    assertEquals(Set.of(), missing, "mounted but not in openapi.json");
    TreeSet<String> extra = new TreeSet<>();
    for (String op : operations.keySet()) {
      String path = op.substring(op.indexOf(' ') + 1);
      if (path.startsWith("/api/") ? !mounted.containsKey(op) : false) {
        extra.add(op);
      }
    }
    assertEquals(Set.of(), extra, "in openapi.json but not mounted");
    assertTrue(operations.size() > mounted.size(), "the log-in routes, /health and /metrics are described too");
  }

  /**
   * Each operation outside /api/v1, and each inside, answers as a mounted route does: never the
   * router's "no such API route" nor the admin UI's file-not-found.
   */
  @Test
  void everyDescribedOperationIsMounted() throws Exception {
    List<String> unmounted = new ArrayList<>();
    for (Map.Entry<String, Operation> e : operations.entrySet()) {
      String method = e.getKey().substring(0, e.getKey().indexOf(' '));
      String path = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      if (produces(e.getValue(), "text/event-stream")) {
        continue; // a stream that does not end
      }
      String concrete = path.replace("{id}", "999999").replace("{listId}", "999999").replace("{contact}", "999999")
          .replace("{key}", "noSuchField").replace("{kind}", "phone").replace("{address}", "%2B12025550999");
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + concrete)).timeout(Duration.ofSeconds(30))
          .method(method, HttpRequest.BodyPublishers.noBody());
      if (path.startsWith("/api/")) {
        request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (TestHerald.OPERATOR_EMAIL + ":" + TestHerald.OPERATOR_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      HttpResponse<String> got = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (got.body().contains("no such API route") || (!path.startsWith("/api/") && got.statusCode() == 404)) {
        unmounted.add(e.getKey() + " -> " + got.statusCode() + " " + got.body());
      }
    }
    assertEquals(List.of(), unmounted);
  }

  @Test
  void eachOperationNamesTheLeastRoleRouteRolesAsksFor() {
    Map<String, String> mounted = mountedApiRoutes();
    List<String> wrong = new ArrayList<>();
    operations.forEach((op, operation) -> {
      Object role = operation.getExtensions() == null ? null : operation.getExtensions().get("x-herald-role");
      String path = op.substring(op.indexOf(' ') + 1);
      String expected = path.startsWith("/api/") ? mounted.get(op)
          : PUBLIC_ELSEWHERE.contains(op) ? "public" : "user"; // the session's own routes: whoever is logged in
      if (!String.valueOf(expected).equals(String.valueOf(role))) {
        wrong.add(op + ": x-herald-role " + role + ", RouteRoles " + expected);
      }
    });
    assertEquals(List.of(), wrong);
  }

  @Test
  void eachOperationHasASuccessAnswerItsSecurityAndAnId() {
    Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
    assertEquals(SecurityScheme.Type.HTTP, schemes.get("basicAuth").getType());
    assertEquals("basic", schemes.get("basicAuth").getScheme());
    assertEquals(SecurityScheme.Type.HTTP, schemes.get("bearerApiKey").getType());
    assertEquals("bearer", schemes.get("bearerApiKey").getScheme());
    assertEquals(SecurityScheme.Type.APIKEY, schemes.get("sessionCookie").getType());
    assertEquals(SecurityScheme.In.COOKIE, schemes.get("sessionCookie").getIn());
    assertEquals(SessionAuth.COOKIE, schemes.get("sessionCookie").getName());
    Set<String> publicOps = new HashSet<>(PUBLIC_ELSEWHERE);
    RouteRoles.PUBLIC.forEach(r -> publicOps.add(key(r)));
    Set<String> ids = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    operations.forEach((op, operation) -> {
      if (operation.getResponses() == null || operation.getResponses().keySet().stream().noneMatch(c -> c.startsWith("2"))) {
        wrong.add(op + ": no 2xx answer");
      }
      List<SecurityRequirement> security = operation.getSecurity();
      if (security == null) {
        wrong.add(op + ": no security of its own");
      } else if (publicOps.contains(op) != security.isEmpty()) {
        wrong.add(op + (security.isEmpty() ? ": public, but needs credentials" : ": needs credentials, but says public"));
      } else {
        security.forEach(s -> s.keySet().stream().filter(k -> !schemes.containsKey(k))
            .forEach(k -> wrong.add(op + ": unknown security scheme " + k)));
      }
      if (!publicOps.contains(op) && !operation.getResponses().containsKey("401")) {
        wrong.add(op + ": no 401");
      }
      if (operation.getOperationId() == null || !ids.add(operation.getOperationId())) {
        wrong.add(op + ": no operationId, or one another operation has");
      }
    });
    assertEquals(List.of(), wrong);
  }

  /** Real answers: each status is one the operation lists, and each field one its schema names, with its type. */
  @Test
  void realAnswersHaveTheDocumentedStatusesAndFields() throws Exception {
    Api admin = h.admin;
    Api operator = h.operator;
    List<String> problems = new ArrayList<>();
    assertEquals(200, operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", true).put("twoWay", true)
        .put("alerts", true).put("campaigns", true).put("broadcasts", true)).status());

    Api.Response sent = check(problems, "POST /api/v1/messages", 202, admin.post("/api/v1/messages",
        new JsonObject().put("to", "+12025550143").put("body", "Your appointment is tomorrow at 10:00")));
    check(problems, "GET /api/v1/messages/{id}", 200, admin.get("/api/v1/messages/" + sent.json().getLong("id")));
    check(problems, "POST /api/v1/messages", 400, admin.post("/api/v1/messages", new JsonObject().put("to", "abc").put("body", "x")));
    check(problems, "GET /api/v1/jobs", 401, new Api(h.herald.httpPort(), "nobody@test.example", "wrong").get("/api/v1/jobs"));
    Api.Response job = check(problems, "POST /api/v1/jobs", 201, admin.post("/api/v1/jobs", new JsonObject().put("name", "Flu")
        .put("startAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString()).put("template", "Hi ~first~").put("recipients", new JsonArray()
            .add(new JsonObject().put("to", "+12025550144").put("vars", new JsonObject().put("first", "Ana")))
            .add(new JsonObject().put("to", "+12025550144")))));
    String jobId = String.valueOf(job.json().getLong("id"));
    check(problems, "GET /api/v1/jobs", 200, admin.get("/api/v1/jobs"));
    check(problems, "GET /api/v1/jobs/{id}", 200, admin.get("/api/v1/jobs/" + jobId));
    check(problems, "GET /api/v1/jobs/{id}", 404, admin.get("/api/v1/jobs/999999"));
    check(problems, "POST /api/v1/jobs/{id}/cancel", 200, admin.post("/api/v1/jobs/" + jobId + "/cancel", ""));
    check(problems, "POST /api/v1/jobs/{id}/pause", 409, admin.post("/api/v1/jobs/" + jobId + "/pause", ""));
    check(problems, "GET /api/v1/dashboard", 200, admin.get("/api/v1/dashboard"));
    check(problems, "GET /api/v1/dashboard", 200, operator.get("/api/v1/dashboard?account=1"));
    check(problems, "GET /api/v1/reports/sent-log", 200, admin.get("/api/v1/reports/sent-log"));
    check(problems, "GET /api/v1/reports/drops", 200, admin.get("/api/v1/reports/drops"));

    check(problems, "POST /api/v1/fields", 201, admin.post("/api/v1/fields", new JsonObject().put("key", "apptDate").put("type", "date")));
    check(problems, "GET /api/v1/fields", 200, admin.get("/api/v1/fields"));
    Api.Response contact = check(problems, "POST /api/v1/contacts", 201, admin.post("/api/v1/contacts", new JsonObject()
        .put("firstName", "Ana").put("phone", "+12025550143").put("fields", new JsonObject().put("apptDate", "2026-12-10"))));
    check(problems, "POST /api/v1/contacts", 409, admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550143")));
    check(problems, "GET /api/v1/contacts", 200, admin.get("/api/v1/contacts?q=ana"));
    Api.Response group = check(problems, "POST /api/v1/groups", 201, admin.post("/api/v1/groups", new JsonObject().put("name", "Patients")
        .put("contacts", new JsonArray().add(contact.json().getLong("id")))));
    check(problems, "POST /api/v1/groups", 201, admin.post("/api/v1/groups", new JsonObject().put("name", "Soon")
        .put("conditions", new JsonArray().add(new JsonObject().put("field", "apptDate").put("op", "after").put("value", "2026-01-01")))));
    check(problems, "GET /api/v1/groups", 200, admin.get("/api/v1/groups"));
    check(problems, "GET /api/v1/groups/{id}/contacts", 200, admin.get("/api/v1/groups/" + group.json().getLong("id") + "/contacts"));
    check(problems, "POST /api/v1/opt-outs", 201, admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550199")));
    check(problems, "GET /api/v1/opt-outs", 200, admin.get("/api/v1/opt-outs"));
    check(problems, "GET /api/v1/opt-outs/{address}/history", 200, admin.get("/api/v1/opt-outs/%2B12025550199/history"));
    check(problems, "GET /api/v1/reply-keywords", 200, admin.get("/api/v1/reply-keywords"));
    check(problems, "POST /api/v1/imports", 201, admin.post("/api/v1/imports", new JsonObject().put("text", "First,Phone\nCy,+12025550150")));
    check(problems, "GET /api/v1/imports", 200, admin.get("/api/v1/imports"));

    check(problems, "GET /api/v1/senders", 200, admin.get("/api/v1/senders"));
    check(problems, "POST /api/v1/senders", 201, admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550100")));
    check(problems, "POST /api/v1/api-keys", 201, admin.post("/api/v1/api-keys", new JsonObject().put("name", "Booking system")));
    check(problems, "GET /api/v1/api-keys", 200, admin.get("/api/v1/api-keys"));
    check(problems, "GET /api/v1/users", 200, admin.get("/api/v1/users"));
    check(problems, "GET /api/v1/accounts/{id}", 200, admin.get("/api/v1/accounts/1"));
    check(problems, "GET /api/v1/accounts", 403, admin.get("/api/v1/accounts"));
    check(problems, "GET /api/v1/accounts", 200, operator.get("/api/v1/accounts"));
    check(problems, "GET /api/v1/notifications/settings", 200, admin.get("/api/v1/notifications/settings"));
    check(problems, "GET /api/v1/notifications/mine", 200, admin.get("/api/v1/notifications/mine"));
    check(problems, "GET /api/v1/notifications/outbox", 200, operator.get("/api/v1/notifications/outbox"));
    check(problems, "GET /api/v1/conversations", 200, admin.get("/api/v1/conversations"));
    check(problems, "GET /api/v1/smsc", 200, operator.get("/api/v1/smsc"));
    check(problems, "GET /api/v1/drop-profiles", 200, admin.get("/api/v1/drop-profiles"));
    check(problems, "POST /api/v1/drop-profiles", 201, admin.post("/api/v1/drop-profiles", new JsonObject().put("username", "clinic")
        .put("mobileColumn", "Mobile").put("phoneColumns", new JsonArray().add(3)).put("template", "Hi")));

    check(problems, "POST /api/v1/answers", 201, admin.post("/api/v1/answers", new JsonObject().put("name", "Reminder").put("language", "en")
        .put("text", "Hi ~first_name~, see you soon. Reply STOP to opt out")));
    check(problems, "GET /api/v1/campaigns", 200, admin.get("/api/v1/campaigns"));
    check(problems, "POST /api/v1/alerts/check", 200, admin.post("/api/v1/alerts/check", new JsonObject().put("body", "Closed tomorrow")));
    Api.Response sms = check(problems, "POST /api/v1/sms", 201, admin.post("/api/v1/sms", new JsonObject().put("name", "Promo")
        .put("text", "Hi ~firstName|there~, flu shots now. Reply STOP to opt out")));
    Api.Response broadcast = check(problems, "POST /api/v1/broadcasts", 201, admin.post("/api/v1/broadcasts", new JsonObject()
        .put("sms", sms.json().getLong("id")).put("audience", "all")));
    String b = "/api/v1/broadcasts/" + broadcast.json().getLong("id");
    check(problems, "POST /api/v1/broadcasts/{id}/count", 200, admin.post(b + "/count", ""));
    check(problems, "POST /api/v1/broadcasts/{id}/prepare", 200, admin.post(b + "/prepare", ""));
    check(problems, "GET /api/v1/broadcasts/{id}", 200, admin.get(b));
    check(problems, "GET /api/v1/broadcasts/settings", 200, admin.get("/api/v1/broadcasts/settings"));

    check(problems, "PUT /api/v1/broadcasts/settings", 200, admin.send("PUT", "/api/v1/broadcasts/settings", new JsonObject()
        .put("sendingHoursFrom", "00:00").put("sendingHoursTo", "23:59")));
    check(problems, "POST /api/v1/broadcasts/{id}/confirm", 200, admin.post(b + "/confirm", ""));
    check(problems, "POST /api/v1/broadcasts/{id}/confirm", 409, admin.post(b + "/confirm", ""));

    java.time.LocalDateTime soon = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusHours(1).withNano(0).withSecond(0);
    check(problems, "POST /api/v1/appointments", 200, admin.post("/api/v1/appointments", new JsonObject().put("appointments", new JsonArray()
        .add(new JsonObject().put("externalId", "A1").put("clientName", "Ana Diaz").put("phone", "+12025550143").put("patient", "Rex")
            .put("startAt", soon.plusDays(1).toString()).put("status", "booked"))
        .add(new JsonObject().put("externalId", "A2").put("clientName", "Ben").put("phone", "bad").put("startAt", "soon")))));
    JsonObject range = new JsonObject().put("from", soon.toString()).put("to", soon.plusDays(2).toString());
    check(problems, "POST /api/v1/alerts/preview", 200, admin.post("/api/v1/alerts/preview", range));
    check(problems, "POST /api/v1/alerts", 201, admin.post("/api/v1/alerts", range.copy().put("body", "The clinic is closed tomorrow")));
    check(problems, "GET /api/v1/alerts", 200, admin.get("/api/v1/alerts"));
    Api.Response answer = check(problems, "GET /api/v1/answers", 200, admin.get("/api/v1/answers"));
    Api.Response campaign = check(problems, "POST /api/v1/campaigns", 201, admin.post("/api/v1/campaigns", new JsonObject()
        .put("name", "Recall").put("sender", "+12025550100").put("language", "en")
        .put("answerId", answer.json().getJsonArray("answers").getJsonObject(0).getLong("id"))
        .put("schedule", new JsonObject().put("mon", new JsonArray().add("09:00").add("17:00")))));
    String c = "/api/v1/campaigns/" + campaign.json().getLong("id");
    check(problems, "POST /api/v1/campaigns/{id}/lists", 201, admin.upload(c + "/lists?name=list.csv&startAt=" + soon.plusDays(3),
        "text/csv", "Time zone,Phone,Name\nAmerica/New_York,+12025550170,Ivy\n"));
    check(problems, "POST /api/v1/campaigns/{id}/lists", 422, admin.upload(c + "/lists?name=bad.csv&startAt=" + soon.plusDays(3),
        "text/csv", "Time zone,Phone,Name\nMars/Base,+12025550171,Joe\n"));
    check(problems, "GET /api/v1/campaigns/{id}", 200, admin.get(c));
    check(problems, "GET /api/v1/campaigns", 200, admin.get("/api/v1/campaigns"));
    check(problems, "GET /api/v1/campaigns/{id}/activity", 200, admin.get(c + "/activity"));

    check(problems, "POST /api/v1/keywords", 201, admin.post("/api/v1/keywords", new JsonObject().put("keyword", "FLU")
        .put("messages", new JsonArray().add("#001 Flu shots are here"))));
    check(problems, "GET /api/v1/keywords", 200, admin.get("/api/v1/keywords"));
    check(problems, "POST /api/v1/drop-profiles/send-at-preview", 200, admin.post("/api/v1/drop-profiles/send-at-preview",
        new JsonObject().put("format", "M/d/yyyy h:mm a").put("samples", new JsonArray().add("12/31/2026 2:30 PM").add("soon"))));
    Api.Response profiles = check(problems, "GET /api/v1/drop-profiles", 200, admin.get("/api/v1/drop-profiles"));
    String files = "/api/v1/drop-profiles/" + profiles.json().getJsonArray("profiles").getJsonObject(0).getLong("id") + "/files?name=p.csv";
    String csv = "Mobile,First\n+12025550160,Gus\nbad,Hal\n";
    check(problems, "POST /api/v1/drop-profiles/{id}/files", 200, admin.upload(files + "&dryRun=true", "text/csv", csv));
    Api.Response dropped = check(problems, "POST /api/v1/drop-profiles/{id}/files", 201, admin.upload(files, "text/csv", csv));
    check(problems, "POST /api/v1/drop-profiles/{id}/files", 422, admin.upload(files, "text/csv", csv));
    check(problems, "GET /api/v1/reports/drops/{id}/rejects", 200, admin.get("/api/v1/reports/drops/" + dropped.json().getLong("id") + "/rejects"));
    check(problems, "POST /api/v1/opt-outs/import", 200, admin.post("/api/v1/opt-outs/import", new JsonObject().put("text", "+12025550198\nbad")));
    Api.Response pasted = check(problems, "POST /api/v1/imports", 201, admin.post("/api/v1/imports",
        new JsonObject().put("text", "First,Phone\nDee,+12025550152\nEd,bad")));
    String imp = "/api/v1/imports/" + pasted.json().getLong("id");
    check(problems, "PUT /api/v1/imports/{id}/group", 200, admin.send("PUT", imp + "/group", new JsonObject().put("mode", "new").put("name", "Imported")));
    check(problems, "POST /api/v1/imports/{id}/run", 200, admin.post(imp + "/run", ""));
    check(problems, "GET /api/v1/imports/{id}", 200, admin.get(imp));
    check(problems, "GET /api/v1/users/{id}", 200, admin.get("/api/v1/users/1"));

    check(problems, "GET /health", 200, h.anonymous.get("/health"));
    check(problems, "GET /auth/session", 401, h.anonymous.get("/auth/session"));
    check(problems, "POST /auth/login", 200, h.anonymous.post("/auth/login", new JsonObject().put("email", TestHerald.ADMIN_EMAIL)
        .put("password", TestHerald.ADMIN_PASSWORD)));
    assertEquals(List.of(), problems);
  }

  /** Adds what does not match: the status expected, and the operation's answer for that status; returns the answer. */
  private Api.Response check(List<String> problems, String op, int expected, Api.Response got) {
    Operation operation = operations.get(op);
    assertNotNull(operation, op);
    if (got.status() != expected) {
      problems.add(op + ": answered " + got.status() + ", not " + expected + ": " + got.body());
    }
    ApiResponse answer = operation.getResponses().get(String.valueOf(got.status()));
    if (answer == null) {
      problems.add(op + ": answered " + got.status() + ", which it does not list: " + got.body());
      return got;
    }
    answer = resolve(answer);
    MediaType json = answer.getContent() == null ? null : answer.getContent().get("application/json");
    if (json == null) {
      if (!got.body().isEmpty() && got.body().startsWith("{")) {
        problems.add(op + " " + got.status() + ": a JSON body the document does not describe");
      }
      return got;
    }
    Object body = got.body().startsWith("[") ? new JsonArray(got.body()) : new JsonObject(got.body());
    conforms(problems, op + " " + got.status() + " ", body, json.getSchema());
    return got;
  }

  private static ApiResponse resolve(ApiResponse r) {
    return r.get$ref() == null ? r : api.getComponents().getResponses().get(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1));
  }

  private static Schema<?> resolve(Schema<?> s) {
    while (s != null && s.get$ref() != null) {
      s = api.getComponents().getSchemas().get(s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1));
    }
    return s;
  }

  /** Whether value fits schema: types, enums, nulls, and no object field the schema does not name. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void conforms(List<String> problems, String where, Object value, Schema<?> given) {
    Schema<?> s = resolve(given);
    if (s == null) {
      return;
    }
    List<Schema> alternatives = s.getAnyOf() != null ? s.getAnyOf() : s.getOneOf();
    if (alternatives != null) {
      for (Schema alternative : alternatives) {
        List<String> tried = new ArrayList<>();
        conforms(tried, where, value, alternative);
        if (tried.isEmpty()) {
          return;
        }
      }
      problems.add(where + "fits none of its alternatives: " + value);
      return;
    }
    Set<String> types = s.getTypes() != null ? s.getTypes() : s.getType() != null ? Set.of(s.getType()) : Set.of();
    if (types.isEmpty() && s.getProperties() == null && s.getAllOf() == null && s.getItems() == null
        && s.getAdditionalProperties() == null && s.getEnum() == null) {
      return; // any value
    }
    if (value == null) {
      if (!types.isEmpty() && !types.contains("null")) {
        problems.add(where + "is null, which its schema does not allow");
      }
      return;
    }
    if (s.getEnum() != null && !s.getEnum().isEmpty() && !s.getEnum().contains(value)) {
      problems.add(where + "is " + value + ", not one of " + s.getEnum());
    }
    if (s.getAllOf() != null || value instanceof JsonObject) {
      if (!(value instanceof JsonObject object)) {
        problems.add(where + "is not an object: " + value);
        return;
      }
      Map<String, Schema> properties = new TreeMap<>();
      Object[] more = {null};
      collect(s, properties, more);
      Object additional = more[0];
      if (!types.isEmpty() && !types.contains("object")) {
        problems.add(where + "is an object, not " + types);
      }
      for (String key : object.fieldNames()) {
        Schema<?> property = properties.get(key);
        if (property != null) {
          conforms(problems, where + key + ".", object.getValue(key), property);
        } else if (additional instanceof Schema<?> values) {
          conforms(problems, where + key + ".", object.getValue(key), values);
        } else if (!Boolean.TRUE.equals(additional)) {
          problems.add(where + "has a field its schema does not name: " + key);
        }
      }
      return;
    }
    if (value instanceof JsonArray array) {
      if (!types.isEmpty() && !types.contains("array")) {
        problems.add(where + "is a list, not " + types);
      }
      for (int i = 0; i < array.size(); i++) {
        conforms(problems, where + i + ".", array.getValue(i), s.getItems());
      }
      return;
    }
    String type = value instanceof String ? "string" : value instanceof Boolean ? "boolean"
        : value instanceof Integer || value instanceof Long ? "integer" : "number";
    if (!types.isEmpty() && !types.contains(type) && !(type.equals("integer") && types.contains("number"))) {
      problems.add(where + "is " + type + " " + value + ", not " + types);
    }
  }

  /** The properties of a schema and of every schema it is allOf, and the first additionalProperties. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void collect(Schema<?> given, Map<String, Schema> properties, Object[] additional) {
    Schema<?> s = resolve(given);
    if (s.getAllOf() != null) {
      for (Schema part : (List<Schema>) s.getAllOf()) {
        collect(part, properties, additional);
      }
    }
    if (s.getProperties() != null) {
      properties.putAll(s.getProperties());
    }
    if (additional[0] == null) {
      additional[0] = s.getAdditionalProperties();
    }
  }

  private static boolean produces(Operation op, String type) {
    return op.getResponses().values().stream().map(OpenApiTest::resolve)
        .anyMatch(r -> r.getContent() != null && r.getContent().containsKey(type));
  }

  @Test
  void theDocumentNamesNoHostAndTheReferencePageLinksIt() {
    assertFalse(api.getServers().isEmpty());
    assertEquals("/", api.getServers().get(0).getUrl(), "clients call the Herald that served the document");
    PathItem self = api.getPaths().get(OpenApiRoutes.PATH);
    assertNotNull(self.getGet());
  }
}
