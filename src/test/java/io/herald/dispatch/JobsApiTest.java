package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.Seed;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs through the API: a batch in, every row accounted for, control, counts and the report. */
class JobsApiTest {
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static Herald herald;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    smsc.responder(s -> s.destination().endsWith("9999") ? 0x0B : 0); // a number the carrier refuses
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withPeer(smsc, 20, 2000)));
    api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  private static JsonObject recipient(String to, String first) {
    return new JsonObject().put("to", to).put("name", first + " Doe").put("vars", new JsonObject().put("first", first));
  }

  private JsonObject awaitJob(long id, String status) {
    return api.await("/api/v1/jobs/" + id, j -> j.getString("status").equals(status));
  }

  @Test
  void aBatchWithATemplateIsSentAndEveryBadRowIsReported() {
    JsonArray recipients = new JsonArray()
        .add(recipient("+12025550301", "Ana"))
        .add(recipient("(202) 555-0302", "Ben"))
        .add(recipient("+12025550301", "Ana again"))
        .add(recipient("not a number", "Cy"))
        .add(new JsonObject().put("to", "+12025550303").put("vars", new JsonObject()))
        .add(new JsonObject().put("to", "+12025550304").put("body", "A text of its own"))
        .add(new JsonObject().put("to", "+12025550305").put("body", "hi").put("timeZone", "Mars/Base"))
        .add(new JsonObject().put("to", "+12025550306").put("body", "hi").put("sendAt", "tomorrow"))
        .add("just a string");
    Api.Response r = api.post("/api/v1/jobs", new JsonObject().put("name", "Reminders").put("template", "Hi ~first~, see you soon")
        .put("recipients", recipients));
    assertEquals(201, r.status(), r.body());
    JsonObject created = r.json();
    assertEquals(3, created.getLong("accepted"));
    assertEquals(6, created.getLong("rejected"));
    assertEquals(List.of(
            new JsonObject().put("row", 3).put("field", "to").put("value", "+12025550301").put("error", "duplicate: +12025550301 is already in this job"),
            new JsonObject().put("row", 4).put("field", "to").put("value", "not a number").put("error", "invalid phone number"),
            new JsonObject().put("row", 5).put("field", "vars").put("value", null).put("error", "no value for ~first~"),
            new JsonObject().put("row", 7).put("field", "timeZone").put("value", "Mars/Base").put("error", "not an IANA time zone like America/New_York"),
            new JsonObject().put("row", 8).put("field", "sendAt").put("value", "tomorrow").put("error", "not an ISO-8601 time like 2026-12-01T09:00:00Z"),
            new JsonObject().put("row", 9).put("field", "recipient").put("value", "just a string")
                .put("error", "a recipient is an object like {\"to\": \"+12025550143\", \"body\": \"...\"}")),
        created.getJsonArray("errors").getList().stream().map(o -> o instanceof JsonObject j ? j : new JsonObject((java.util.Map<String, Object>) o)).toList());
    JsonObject job = awaitJob(created.getLong("id"), "completed");
    assertEquals(3, job.getLong("total"));
    assertEquals(3, job.getJsonObject("counts").getLong("delivered"));
    assertEquals(1.0, job.getDouble("progress"));
    assertEquals("Reminders", job.getString("name"));
    assertTrue(smsc.submits().stream().anyMatch(s -> s.destination().equals("12025550302")
        && new String(s.shortMessage()).equals("Hi Ben, see you soon")));
  }

  @Test
  void theReportListsEveryRecipientAndCanShowOnlyFailures() {
    JsonArray recipients = new JsonArray()
        .add(new JsonObject().put("to", "+12025550311").put("name", "=HYPERLINK(\"http://x\")").put("body", "Hello, \"friend\""))
        .add(new JsonObject().put("to", "+12025559999").put("name", "Refused Number").put("body", "-2+3"));
    long id = api.post("/api/v1/jobs", new JsonObject().put("recipients", recipients)).json().getLong("id");
    awaitJob(id, "completed");
    String report = api.get("/api/v1/jobs/" + id + "/report.csv").body();
    List<String> lines = report.lines().toList();
    assertEquals("\"Full Name\",\"Phone Number\",\"SMS Status\",\"Error Details\",\"Message Text\",\"Timestamp\"", lines.get(0));
    assertTrue(lines.get(1).startsWith("\"'=HYPERLINK(\"\"http://x\"\")\",\"+12025550311\",\"delivered\",,\"Hello, \"\"friend\"\"\","), lines.get(1));
    assertTrue(lines.get(2).startsWith("\"Refused Number\",\"+12025559999\",\"failed\",\"submit_sm refused by carrier: 0x0000000B ESME_RINVDSTADR\",\"'-2+3\","), lines.get(2));
    assertEquals(3, lines.size());
    List<String> failed = api.get("/api/v1/jobs/" + id + "/report.csv?failed=true").body().lines().toList();
    assertEquals(2, failed.size());
    assertTrue(failed.get(1).startsWith("\"Refused Number\","));
  }

  @Test
  void theReportNamesRecipientsThatAreContactsWhenTheRowGaveNoName() {
    assertEquals(201, api.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550321").put("firstName", "Jane")
        .put("lastName", "Doe")).status());
    assertEquals(201, api.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550322").put("firstName", "Sam"))
        .status());
    assertEquals(201, api.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550323").put("firstName", "Old")
        .put("lastName", "Name")).status());
    JsonArray recipients = new JsonArray()
        .add(new JsonObject().put("to", "+12025550321").put("body", "Hello"))
        .add(new JsonObject().put("to", "+12025550322").put("body", "Hello"))
        .add(new JsonObject().put("to", "+12025550323").put("name", "Given Name").put("body", "Hello"))
        .add(new JsonObject().put("to", "+12025550324").put("body", "Hello"));
    long id = api.post("/api/v1/jobs", new JsonObject().put("recipients", recipients)).json().getLong("id");
    awaitJob(id, "completed");
    List<String> lines = api.get("/api/v1/jobs/" + id + "/report.csv").body().lines().toList();
    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("\"Jane Doe\",\"+12025550321\",\"delivered\","), lines.get(1));
    assertTrue(lines.get(2).startsWith("\"Sam\",\"+12025550322\",\"delivered\","), lines.get(2));
    assertTrue(lines.get(3).startsWith("\"Given Name\",\"+12025550323\",\"delivered\","), "the row's own name wins: " + lines.get(3));
    assertTrue(lines.get(4).startsWith(",\"+12025550324\",\"delivered\","), "not a contact, no name: " + lines.get(4));

    Api.Response tooLong = api.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550325").put("name", "n".repeat(5001)).put("body", "Hello"))));
    assertEquals(400, tooLong.status(), tooLong.body());
    assertEquals("recipients[0].name is longer than 5000 characters (api.maxValueChars)", tooLong.json().getString("error"));
  }

  @Test
  void pauseResumeAndCancelControlAJob() {
    JsonArray recipients = new JsonArray();
    for (int i = 0; i < 300; i++) {
      recipients.add(new JsonObject().put("to", "+1202556" + String.format("%04d", i)).put("body", "slow " + i));
    }
    // a sender limited to 20 a second keeps the job going long enough to steer it
    assertEquals(201, api.post("/api/v1/senders", new JsonObject().put("address", "+12025550999").put("tps", 20)).status());
    long id = api.post("/api/v1/jobs", new JsonObject().put("from", "+12025550999").put("recipients", recipients)).json().getLong("id");
    api.await("/api/v1/jobs/" + id, j -> j.getJsonObject("counts").getLong("delivered") >= 10);
    JsonObject paused = api.post("/api/v1/jobs/" + id + "/pause", "").json();
    assertEquals("paused", paused.getString("status"));
    Api.sleep(500); // what was in flight settles
    long sentWhenPaused = countSubmitsFrom("12025550999");
    Api.sleep(1000);
    assertEquals(sentWhenPaused, countSubmitsFrom("12025550999"), "nothing goes out while paused");
    assertEquals(409, api.post("/api/v1/jobs/" + id + "/pause", "").status());
    assertEquals("running", api.post("/api/v1/jobs/" + id + "/resume", "").json().getString("status"));
    api.await("/api/v1/jobs/" + id, j -> j.getJsonObject("counts").getLong("delivered") > sentWhenPaused + 5);
    JsonObject cancelled = api.post("/api/v1/jobs/" + id + "/cancel", "").json();
    assertEquals("cancelled", cancelled.getString("status"));
    JsonObject job = api.await("/api/v1/jobs/" + id, j -> j.getJsonObject("counts").getLong("queued") == 0
        && j.getJsonObject("counts").getLong("sending") == 0 && j.getJsonObject("counts").getLong("submitted") == 0);
    JsonObject counts = job.getJsonObject("counts");
    assertTrue(counts.getLong("cancelled") > 0);
    assertEquals(300, counts.getLong("delivered") + counts.getLong("cancelled"), counts.encode());
    assertEquals(counts.getLong("delivered"), db.queryLong("SELECT count(*) FROM messages WHERE job_id = " + id + " AND state = 'delivered'"),
        "the job's counts agree with its messages");
    assertEquals(409, api.post("/api/v1/jobs/" + id + "/resume", "").status());
  }

  private long countSubmitsFrom(String source) {
    return smsc.submits().stream().filter(s -> s.source().equals(source)).count();
  }

  @Test
  void jobsAreListedAndAnotherAccountsJobIsNotFound() {
    long id = api.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550321").put("body", "listed")))).json().getLong("id");
    JsonArray listed = api.get("/api/v1/jobs").json().getJsonArray("jobs");
    assertEquals(id, listed.getJsonObject(0).getLong("id"));
    Api other = Seed.account(herald.httpPort(), "Other", null, null, "other@example.com", "Other").admin();
    assertEquals(404, other.get("/api/v1/jobs/" + id).status());
    assertEquals(404, other.post("/api/v1/jobs/" + id + "/cancel", "").status());
    assertEquals(404, other.get("/api/v1/jobs/" + id + "/report.csv").status());
    assertEquals(0, other.get("/api/v1/jobs").json().getJsonArray("jobs").size());
  }

  @Test
  void malformedBatchesAreRefusedAndLeaveNothingBehind() {
    long jobsBefore = db.queryLong("SELECT count(*) FROM jobs");
    Api.Response broken = api.post("/api/v1/jobs", "{\"recipients\": [{\"to\": \"+12025550331\", \"body\": \"x\"}, {\"to\": ");
    assertEquals(400, broken.status());
    assertTrue(broken.json().getString("error").startsWith("request body is not valid JSON after recipient 1"), broken.body());
    Api.Response late = api.post("/api/v1/jobs", "{\"recipients\": [], \"name\": \"late\"}");
    assertEquals(new JsonObject().put("error", "settings go before recipients").put("field", "name"), late.json());
    assertEquals("recipients is required: a list of {to, body} or {to, vars}",
        api.post("/api/v1/jobs", new JsonObject().put("name", "empty")).json().getString("error"));
    assertEquals("unknown sender", api.post("/api/v1/jobs", new JsonObject().put("from", "Nobody")
        .put("recipients", new JsonArray())).json().getString("error"));
    assertEquals("schedule.mon closes at 08:00, not after it opens at 09:00", api.post("/api/v1/jobs", new JsonObject()
        .put("schedule", new JsonObject().put("mon", new JsonArray().add("09:00").add("08:00")))
        .put("recipients", new JsonArray())).json().getString("error"));
    assertEquals("lane must be conversation, alert or bulk", api.post("/api/v1/jobs", new JsonObject().put("lane", "fast")
        .put("recipients", new JsonArray())).json().getString("error"));
    assertEquals(jobsBefore, db.queryLong("SELECT count(*) FROM jobs"), "no job was left behind");
  }

  @Test
  void aLargeBatchStreamsIn() {
    StringBuilder body = new StringBuilder("{\"template\": \"Reminder for ~first~\", \"recipients\": [");
    for (int i = 0; i < 20_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"to\": \"+1312555").append(String.format("%04d", i % 10_000))
          .append(i >= 10_000 ? "\", \"timeZone\": \"America/Chicago" : "")
          .append("\", \"vars\": {\"first\": \"P").append(i).append("\"}}");
    }
    body.append("]}");
    JsonObject created = api.post("/api/v1/jobs", body.toString()).json();
    assertEquals(10_000, created.getLong("accepted"));
    assertEquals(10_000, created.getLong("rejected"), "the second half repeats the first half's numbers");
    assertEquals(1_000, created.getJsonArray("errors").size(), "the first thousand rejected rows are listed");
    assertEquals(10_000, created.getLong("total"));
  }
}
