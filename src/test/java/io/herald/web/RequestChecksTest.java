package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every request is checked for before a route acts on it: where it comes from, that JSON is
 * sent as JSON, that its parameters can be read, and that a job's body stays within its limits.
 * Nothing here answers 500.
 */
class RequestChecksTest {
  static TestDatabase db;
  static Herald herald;
  static Api admin;
  static Api operator;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, new JsonObject().put("api", new JsonObject()
        .put("maxRequestBytes", 200_000).put("maxRecipients", 50).put("maxFieldsPerRecipient", 8)
        .put("maxVarsPerRecipient", 5).put("maxValueChars", 300))));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (TestHerald.ADMIN_EMAIL + ":" + TestHerald.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private static final String CONTACT = new JsonObject().put("firstName", "Origin").put("phone", "+12025550901").encode();

  @Test
  void aBrowserIsNeverAskedForBasicCredentials() {
    Api.Response none = new Api(herald.httpPort(), null, null).get("/api/v1/jobs");
    assertEquals(401, none.status());
    HttpResponse<String> wrong = UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort()
        + "/api/v1/jobs")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString("a@b.c:wrong".getBytes())));
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.headers().firstValue("WWW-Authenticate").isEmpty(), "no challenge a browser would answer with a pop-up");
    HttpResponse<String> anonymous = UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort()
        + "/api/v1/jobs")));
    assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isEmpty());
  }

  @Test
  void jsonIsTakenOnlyAsJson() {
    String contact = new JsonObject().put("firstName", "Plain").put("phone", "+12025550910").encode();
    HttpResponse<String> plain = UiSession.send(request("/api/v1/contacts").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(contact)));
    assertEquals(415, plain.statusCode(), "a cross-site form can send text/plain without asking");
    assertEquals("send the request body as JSON, with Content-Type: application/json",
        new JsonObject(plain.body()).getString("error"));
    assertEquals(0, admin.get("/api/v1/contacts?q=Plain").json().getInteger("total"));
  }

  @Test
  void changesFromAnotherSiteAreRefused() {
    HttpResponse<String> foreign = UiSession.send(request("/api/v1/contacts").header("Content-Type", "application/json")
        .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(CONTACT)));
    assertEquals(403, foreign.statusCode());
    assertTrue(new JsonObject(foreign.body()).getString("error").startsWith("cross-origin request refused"));
    HttpResponse<String> fetched = UiSession.send(request("/api/v1/contacts").header("Content-Type", "application/json")
        .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(CONTACT)));
    assertEquals(403, fetched.statusCode());
    HttpResponse<String> login = UiSession.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort()
        + "/auth/login")).header("Content-Type", "application/json").header("Origin", "null")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", TestHerald.ADMIN_EMAIL)
            .put("password", TestHerald.ADMIN_PASSWORD).encode())));
    assertEquals(403, login.statusCode(), "nobody is logged in from another site's page either");
    assertEquals(0, admin.get("/api/v1/contacts?q=Origin").json().getInteger("total"));
    HttpResponse<String> own = UiSession.send(request("/api/v1/contacts").header("Content-Type", "application/json")
        .header("Origin", "http://127.0.0.1:" + herald.httpPort()).header("Sec-Fetch-Site", "same-origin")
        .POST(HttpRequest.BodyPublishers.ofString(CONTACT)));
    assertEquals(201, own.statusCode(), own.body());
  }

  @Test
  void parametersThatCannotBeReadAreNamed() {
    assertBad(admin.get("/api/v1/jobs?limit=abc"), "limit", "limit must be a whole number from 1 to 500");
    assertBad(admin.get("/api/v1/jobs?limit=-1"), "limit", "limit must be a whole number from 1 to 500");
    assertBad(admin.get("/api/v1/jobs?limit=99999999999999999999"), "limit", "limit must be a whole number from 1 to 500");
    assertBad(admin.get("/api/v1/jobs?before=abc"), "before", "before must be an id (a positive whole number)");
    assertBad(admin.get("/api/v1/contacts?group=x"), "group", "group must be an id (a positive whole number)");
    assertBad(admin.get("/api/v1/reports/sent-log?page=0"), "page", "page must be a whole number from 1 to 1000000");
    assertBad(admin.get("/api/v1/reports/drops?from=%2B300000-01-01T00:00:00Z"), "from",
        "from must be a date between the years 1970 and 9999");
    assertEquals(200, admin.get("/api/v1/jobs?limit=500").status());
    Api.Response unknown = operator.get("/api/v1/jobs?account=999");
    assertEquals(404, unknown.status(), unknown.body());
    assertEquals("account 999 not found", unknown.json().getString("error"));
    assertBad(operator.get("/api/v1/jobs?account=abc"), "account", "account must be an id (a positive whole number)");
    assertBad(operator.get("/api/v1/users?account=abc"), "account", "account must be an id (a positive whole number)");
    assertEquals(200, operator.get("/api/v1/jobs?account=1").status());
  }

  @Test
  void textWithANulCharacterIsRefusedByName() {
    Api.Response contact = admin.post("/api/v1/contacts", new JsonObject().put("firstName", "A\u0000B")
        .put("phone", "+12025550902"));
    assertBad(contact, "firstName", "firstName must not contain the NUL character (U+0000)");
    Api.Response job = admin.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550903").put("body", "x\u0000y"))));
    assertBad(job, "recipients[0].body", "recipients[0].body must not contain the NUL character (U+0000)");
  }

  @Test
  void aJobPastAnyLimitIsRefusedWholeAndNothingIsKept() throws Exception {
    long jobsBefore = db.queryLong("SELECT count(*) FROM jobs");
    JsonObject manyVars = new JsonObject();
    for (int i = 0; i < 6; i++) {
      manyVars.put("v" + i, "x");
    }
    Api.Response vars = admin.post("/api/v1/jobs", new JsonObject().put("template", "Hi").put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550904").put("body", "fine"))
        .add(new JsonObject().put("to", "+12025550905").put("vars", manyVars))));
    assertBad(vars, "recipients[1].vars", "recipients[1].vars has more than 5 entries (api.maxVarsPerRecipient)");
    assertEquals("api.maxVarsPerRecipient", vars.json().getString("limit"));

    JsonObject manyFields = new JsonObject().put("to", "+12025550906");
    for (int i = 0; i < 8; i++) {
      manyFields.put("f" + i, "x");
    }
    assertBad(admin.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray().add(manyFields))),
        "recipients[0]", "recipients[0] has more than 8 entries (api.maxFieldsPerRecipient)");
    assertBad(admin.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
            .add(new JsonObject().put("to", "+12025550907").put("body", "y".repeat(301))))),
        "recipients[0].body", "recipients[0].body is longer than 300 characters (api.maxValueChars)");

    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 51; i++) {
      tooMany.add(new JsonObject().put("to", "+1202555" + (1000 + i)).put("body", "hi"));
    }
    Api.Response many = admin.post("/api/v1/jobs", new JsonObject().put("recipients", tooMany));
    assertEquals(413, many.status(), many.body());
    assertEquals("too many recipients: the limit is 50 in one request (api.maxRecipients)", many.json().getString("error"));

    String huge = huge();
    assertEquals("HTTP/1.1 413 Request Entity Too Large", rawAnswer(huge, false).lines().findFirst().orElseThrow());
    assertTrue(rawAnswer(huge, false).endsWith(
        "{\"error\":\"the request body is larger than the limit of 200000 bytes (api.maxRequestBytes)\","
        + "\"limit\":\"api.maxRequestBytes\",\"value\":200000}"));
    assertTrue(rawAnswer(huge, true).startsWith("HTTP/1.1 413 "), "without a Content-Length too, the body is counted as it comes");
    assertEquals(jobsBefore, db.queryLong("SELECT count(*) FROM jobs"), "no job is left from a refused request");
    assertEquals(0, db.queryLong("SELECT count(*) FROM messages"));
    assertEquals(200, admin.get("/api/v1/jobs").status(), "and Herald goes on answering");
  }

  @Test
  void aSendTimePastTheHorizonIsRefused() {
    Api.Response far = admin.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550908").put("body", "later").put("sendAt", "9999-01-01T00:00:00Z"))));
    assertEquals(201, far.status(), far.body());
    assertEquals(1, far.json().getInteger("rejected"));
    JsonObject error = far.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("sendAt", error.getString("field"));
    assertEquals("sendAt is more than 365 days ahead (messages.maxScheduleDays)", error.getString("error"));
    assertBad(admin.post("/api/v1/jobs", new JsonObject().put("startAt", "+999999999-01-01T00:00:00Z")
            .put("recipients", new JsonArray())), "startAt",
        "startAt is more than 365 days ahead (messages.maxScheduleDays)");
  }

  /** A body of one recipient whose vars go on and on, as a client with no limits of its own might send. */
  private static String huge() {
    StringBuilder body = new StringBuilder("{\"template\":\"Hi\",\"recipients\":[{\"to\":\"+12025550909\",\"vars\":{\"a\":\"");
    body.append("z".repeat(250_000)).append("\"}}]}");
    return body.toString();
  }

  /** Sends a job on a plain socket, with a Content-Length or chunked; answers what came back. */
  private static String rawAnswer(String body, boolean chunked) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", herald.httpPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String credentials = Base64.getEncoder().encodeToString((TestHerald.ADMIN_EMAIL + ":" + TestHerald.ADMIN_PASSWORD)
          .getBytes(StandardCharsets.UTF_8));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
          + "\r\nContent-Type: application/json\r\n"
          + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bytes.length) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      try {
        for (int off = 0; off < bytes.length; off += 8192) {
          int n = Math.min(8192, bytes.length - off);
          if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          }
          out.write(bytes, off, n);
          if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        }
        if (chunked) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (java.io.IOException closed) {
        // the server may close before the client has sent it all: its answer is still there to read
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        in.transferTo(answer);
      } catch (java.io.IOException reset) {
        // a reset after the answer: what came is enough
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static void assertBad(Api.Response r, String field, String error) {
    assertEquals(400, r.status(), r.body());
    assertEquals(field, r.json().getString("field"), r.body());
    assertEquals(error, r.json().getString("error"));
  }
}
