package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Seed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads over HTTP (and their dry runs), the Drop & Go Summary and the Sent Log, as JSON and CSV. */
class DropReportsTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject().put("drop", new JsonObject().put("maxFileBytes", 100_000)));
  static JsonObject profile;

  @BeforeAll
  static void start() throws Exception {
    f.smsc.responder(s -> s.destination().endsWith("9999") ? 0x0B : 0); // a number the carrier refuses
    profile = f.profile(new JsonObject().put("username", "reports").put("name", "Front desk").put("mobileColumn", "Mobile")
        .put("fields", new JsonArray().add(new JsonObject().put("column", "First").put("label", "first")))
        .put("template", "Hi ~first~"));
  }

  /** Another account with Drop &amp; Go on, and its admin. */
  private static Api dropAccount(String name, String adminEmail) {
    Seed.Account account = Seed.account(f.herald.httpPort(), name, null, null, adminEmail, name);
    assertEquals(200, f.operator.send("PATCH", "/api/v1/accounts/" + account.id(), new JsonObject().put("dropAndGo", true))
        .status());
    return account.admin();
  }

  private static long id() {
    return profile.getLong("id");
  }

  @Test
  void aDryRunAnswersCountsTextsAndErrorsAndSendsNothing() throws Exception {
    String content = "First,Mobile\n"
        + "Ana,+12025550901\n"
        + "Zoë 😀,+12025550902\n"
        + "B" + "o".repeat(160) + "b,+12025550903\n"
        + "Cy,555\n";
    long files = f.db.queryLong("SELECT count(*) FROM drop_files");
    Api.Response r = f.upload(id(), "?name=try.csv&dryRun=true", content.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, r.status(), r.body());
    assertEquals(new JsonObject()
        .put("dryRun", true).put("name", "try.csv").put("encoding", "UTF-8")
        .put("rows", 4).put("accepted", 3).put("rejected", 1).put("status", "ok").putNull("reason")
        .put("preview", new JsonArray()
            .add(new JsonObject().put("row", 2).put("to", "+12025550901").put("text", "Hi Ana").put("encoding", "GSM7")
                .put("segments", 1).putNull("sendAt"))
            .add(new JsonObject().put("row", 3).put("to", "+12025550902").put("text", "Hi Zoë 😀").put("encoding", "UCS2")
                .put("segments", 1).putNull("sendAt"))
            .add(new JsonObject().put("row", 4).put("to", "+12025550903").put("text", "Hi B" + "o".repeat(160) + "b")
                .put("encoding", "GSM7").put("segments", 2).putNull("sendAt")))
        .put("errors", new JsonArray().add(new JsonObject().put("row", 5).put("field", "column 2 (Mobile)")
            .put("value", "555").put("error", "invalid phone number"))), r.json());
    assertEquals(files, f.db.queryLong("SELECT count(*) FROM drop_files"), "a dry run is not a received file");
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM messages WHERE recipient = '+12025550901'"));
    try (var staged = Files.list(f.herald.config().drop().directory().resolve(".staging"))) {
      assertEquals(0, staged.count(), "nothing is left in staging");
    }
    Api.sleep(300);
    assertEquals(List.of(), f.textsTo("+12025550901"));
    Api.Response bad = f.upload(id(), "?name=try.csv&dryRun=true", "First,Mobile\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(422, bad.status());
    assertEquals("the file has a header row but no data rows", bad.json().getString("reason"));
  }

  @Test
  void theSummaryAndTheSentLogShowEachFileAndEachMessage() {
    Api.Response sent = f.upload(id(), "?name=week-12.csv",
        "First,Mobile\nAna,+12025550911\nBen,+12025559999\nCy,12\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, sent.status(), sent.body());
    JsonObject file = sent.json();
    assertEquals("processed", file.getString("status"));
    assertEquals("processed/week-12.result.csv", file.getString("result"));
    long job = file.getLong("jobId");
    f.admin.await("/api/v1/jobs/" + job, j -> "completed".equals(j.getString("status")));
    Api.Response failed = f.upload(id(), "?name=notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
    assertEquals(422, failed.status());

    JsonArray files = f.admin.get("/api/v1/reports/drops").json().getJsonArray("drops");
    JsonObject error = files.getJsonObject(0);
    assertEquals("notes.txt", error.getString("name"));
    assertEquals("error", error.getString("status"));
    assertEquals("only .csv files are accepted: save the file as CSV (Comma delimited) and drop it again",
        error.getString("reason"));
    JsonObject line = files.getJsonObject(1);
    assertEquals(file.getLong("id"), line.getLong("id"));
    assertEquals("week-12.csv", line.getString("name"));
    assertEquals("Front desk", line.getString("profile"));
    assertEquals("http", line.getString("source"));
    assertEquals(List.of(3L, 2L, 1L, 0L, 1L, 1L, 1L), List.of(line.getLong("rows"), line.getLong("accepted"),
        line.getLong("rejected"), line.getLong("queued"), line.getLong("sent"), line.getLong("delivered"),
        line.getLong("failed")));
    assertEquals("completed", line.getString("status"));
    assertNull(line.getString("reason"));
    assertEquals(job, line.getLong("jobId"));

    List<String> csv = f.admin.get("/api/v1/reports/drops?format=csv").body().lines().toList();
    assertEquals(csv, f.admin.get("/api/v1/reports/drops.csv").body().lines().toList(), "the .csv route is the same");
    assertEquals(1, f.admin.get("/api/v1/reports/drops?pageSize=1&page=2").json().getJsonArray("drops").size());
    assertEquals(file.getLong("id"), f.admin.get("/api/v1/reports/drops?pageSize=1&page=2").json().getJsonArray("drops")
        .getJsonObject(0).getLong("id"), "the second page of one line is the second newest file");
    assertEquals("\"Received\",\"File\",\"Profile\",\"Rows\",\"Accepted\",\"Rejected\",\"Queued\",\"Sent\",\"Delivered\","
        + "\"Failed\",\"Status\",\"Reason\"", csv.get(0));
    String week = csv.stream().filter(l -> l.contains(",\"week-12.csv\",")).findFirst().orElseThrow();
    assertEquals(List.of("week-12.csv", "Front desk", "3", "2", "1", "0", "1", "1", "1", "completed", ""),
        DropFtpTest.cells(week).subList(1, 12));

    JsonArray messages = f.admin.get("/api/v1/reports/sent-log?file=" + file.getLong("id")).json().getJsonArray("messages");
    assertEquals(2, messages.size());
    JsonObject refused = messages.getJsonObject(0);
    assertEquals("+12025559999", refused.getString("to"));
    assertEquals("failed", refused.getString("status"));
    assertEquals("Hi Ben", refused.getString("text"));
    assertEquals("week-12.csv", refused.getString("file"));
    assertEquals("submit_sm refused by carrier: 0x0000000B ESME_RINVDSTADR", refused.getString("error"));
    JsonObject delivered = messages.getJsonObject(1);
    assertEquals("+12025550911", delivered.getString("to"));
    assertEquals("delivered", delivered.getString("status"));
    assertEquals(delivered.getString("sentAt"), delivered.getString("time"), "the time a message went out");
    assertNull(delivered.getString("error"));

    List<String> log = f.admin.get("/api/v1/reports/sent-log.csv?file=" + file.getLong("id")).body().lines().toList();
    assertEquals("\"Time\",\"To\",\"Status\",\"Text\",\"File\",\"Error\"", log.get(0));
    assertEquals(3, log.size());
    assertEquals(List.of("+12025559999", "failed", "Hi Ben", "week-12.csv",
        "submit_sm refused by carrier: 0x0000000B ESME_RINVDSTADR"), DropFtpTest.cells(log.get(1)).subList(1, 6));
    assertEquals(List.of("+12025550911", "delivered", "Hi Ana", "week-12.csv", ""), DropFtpTest.cells(log.get(2)).subList(1, 6));
  }

  @Test
  void aFilesRejectedRowsAreKeptForTheSummaryAsJsonAndCsv() {
    assertEquals(201, f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550953")).status());
    Api.Response sent = f.upload(id(), "?name=with-errors.csv", ("First,Mobile\nAna,+12025550951\nCy,12\n"
        + "Ana again,+12025550951\nDee,+12025550953\nEd,=HYPERLINK(1)\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(201, sent.status(), sent.body());
    long fileId = sent.json().getLong("id");
    JsonArray answered = sent.json().getJsonArray("errors");
    assertEquals(4, answered.size(), answered.encode());

    JsonObject page = f.admin.get("/api/v1/reports/drops/" + fileId + "/rejects").json();
    assertEquals("with-errors.csv", page.getString("name"));
    assertEquals(5L, page.getLong("rows"));
    assertEquals(4L, page.getLong("rejected"));
    JsonArray rejects = page.getJsonArray("rejects");
    assertEquals(new JsonObject().put("row", 3L).put("column", "column 2 (Mobile)").put("value", "12")
        .put("reason", "invalid phone number"), rejects.getJsonObject(0));
    assertEquals(List.of(3L, 4L, 5L, 6L), rejects.stream().map(o -> ((JsonObject) o).getLong("row")).toList(),
        "in the order of the file, the opted-out number found when the job was written included");
    for (Object o : rejects) {
      JsonObject kept = (JsonObject) o;
      JsonObject given = answered.stream().map(x -> (JsonObject) x).filter(x -> x.getLong("row").equals(kept.getLong("row")))
          .findFirst().orElseThrow();
      assertEquals(List.of(given.getString("field"), String.valueOf(given.getString("value")), given.getString("error")),
          List.of(kept.getString("column"), String.valueOf(kept.getString("value")), kept.getString("reason")),
          "the page shows what the upload answered");
    }
    assertEquals(List.of(4L), f.admin.get("/api/v1/reports/drops/" + fileId + "/rejects?pageSize=1&page=2").json()
        .getJsonArray("rejects").stream().map(o -> ((JsonObject) o).getLong("row")).toList());

    Api.Response csv = f.admin.get("/api/v1/reports/drops/" + fileId + "/rejects.csv");
    assertEquals(200, csv.status());
    List<String> lines = csv.body().lines().toList();
    assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"", lines.get(0));
    assertEquals(5, lines.size(), csv.body());
    assertEquals("3,\"column 2 (Mobile)\",\"12\",\"invalid phone number\"", lines.get(1));
    assertTrue(lines.get(4).startsWith("6,\"column 2 (Mobile)\",\"'=HYPERLINK(1)\","), "safe to open: " + lines.get(4));

    Api.Response none = f.upload(id(), "?name=all-bad.csv", "First,Mobile\nX,1\nY,2\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(422, none.status());
    JsonObject failed = f.admin.get("/api/v1/reports/drops/" + none.json().getLong("id") + "/rejects").json();
    assertEquals("error", failed.getString("status"));
    assertEquals(2, failed.getJsonArray("rejects").size(), "a file that went to error/ keeps its rejected rows too");

    Api other = dropAccount("Another", "another@example.com");
    assertEquals(404, other.get("/api/v1/reports/drops/" + fileId + "/rejects").status());
    assertEquals(404, other.get("/api/v1/reports/drops/" + fileId + "/rejects.csv").status());
  }

  @Test
  void reportsAreFilteredByDateRange() {
    Api.Response old = f.upload(id(), "?name=january.csv", "First,Mobile\nOld,+12025550921\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, old.status(), old.body());
    long fileId = old.json().getLong("id");
    long job = old.json().getLong("jobId");
    f.admin.await("/api/v1/jobs/" + job, j -> "completed".equals(j.getString("status")));
    f.db.execute("UPDATE drop_files SET received_at = '2025-01-15T12:00:00Z' WHERE id = " + fileId);
    f.db.execute("UPDATE messages SET created_at = '2025-01-15T12:01:00Z' WHERE job_id = " + job);
    JsonArray january = f.admin.get("/api/v1/reports/drops?from=2025-01-01&to=2025-01-31").json().getJsonArray("drops");
    assertEquals(List.of("january.csv"), january.stream().map(o -> ((JsonObject) o).getString("name")).toList());
    assertEquals(0, f.admin.get("/api/v1/reports/drops?from=2025-01-01&to=2025-01-14").json().getJsonArray("drops").size());
    assertEquals(0, f.admin.get("/api/v1/reports/drops?from=2025-01-15T12:00:01Z&to=2025-01-31").json()
        .getJsonArray("drops").size(), "a time is taken to the second");
    assertTrue(f.admin.get("/api/v1/reports/drops?from=2025-02-01").json().getJsonArray("drops").stream()
        .noneMatch(o -> ((JsonObject) o).getString("name").equals("january.csv")));
    List<String> csv = f.admin.get("/api/v1/reports/drops?format=csv&from=2025-01-15&to=2025-01-15").body().lines().toList();
    assertEquals(2, csv.size());
    assertTrue(csv.get(1).startsWith("\"2025-01-15T12:00:00Z\",\"january.csv\","), csv.get(1));
    JsonArray log = f.admin.get("/api/v1/reports/sent-log?from=2025-01-15&to=2025-01-15").json().getJsonArray("messages");
    assertEquals(List.of("+12025550921"), log.stream().map(o -> ((JsonObject) o).getString("to")).toList());
    assertEquals(2, f.admin.get("/api/v1/reports/sent-log?format=csv&from=2025-01-01&to=2025-01-31").body().lines().count());
    Api.Response bad = f.admin.get("/api/v1/reports/sent-log?from=yesterday");
    assertEquals(400, bad.status());
    assertEquals(new JsonObject().put("error", "from must be a date like 2026-03-01 or a time like 2026-03-01T09:00:00Z")
        .put("field", "from").put("value", "yesterday"), bad.json());
    assertEquals("to must not be before from",
        f.admin.get("/api/v1/reports/drops?from=2025-02-01&to=2025-01-01").json().getString("error"));
  }

  @Test
  void aFormUploadWorksAndALargeFileIsRefused() {
    String boundary = "herald-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"form.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\nFirst,Mobile\nFi,+12025550931\n\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8));
    Api.Response form = f.http(io.herald.testing.TestHerald.ADMIN_EMAIL, io.herald.testing.TestHerald.ADMIN_PASSWORD,
        "POST", "/api/v1/drop-profiles/" + id() + "/files", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    assertEquals(201, form.status(), form.body());
    assertEquals("form.csv", form.json().getString("name"));
    f.awaitTexts(List.of("+12025550931"), 1);
    Api.Response named = f.http(io.herald.testing.TestHerald.ADMIN_EMAIL, io.herald.testing.TestHerald.ADMIN_PASSWORD,
        "POST", "/api/v1/drop-profiles/" + id() + "/files?name=named.csv", "multipart/form-data; boundary=" + boundary,
        new String(body.toByteArray(), StandardCharsets.UTF_8).replace("+12025550931", "+12025550932")
            .getBytes(StandardCharsets.UTF_8));
    assertEquals("named.csv", named.json().getString("name"), "?name= wins over the form's file name");
    Api.Response large = f.upload(id(), "?name=large.csv", new byte[100_001]);
    assertEquals(413, large.status());
    assertEquals("file 'large.csv' is larger than the limit of 100000 bytes (drop.maxFileBytes): split it into smaller files",
        large.json().getString("error"));
    assertEquals(404, f.upload(9999, "?name=x.csv", "x".getBytes()).status());
  }

  @Test
  void anotherAccountSeesNoneOfIt() {
    Api other = dropAccount("Elsewhere", "elsewhere@example.com");
    assertEquals(0, other.get("/api/v1/reports/drops").json().getJsonArray("drops").size());
    assertEquals(0, other.get("/api/v1/reports/sent-log").json().getJsonArray("messages").size());
    assertEquals(0, other.get("/api/v1/drop-profiles").json().getJsonArray("profiles").size());
    assertEquals(404, other.get("/api/v1/drop-profiles/" + id()).status());
    Api.Response upload = f.http("elsewhere@example.com", Seed.PASSWORD, "POST",
        "/api/v1/drop-profiles/" + id() + "/files?name=x.csv", "text/csv", "First,Mobile\nX,+12025550941\n".getBytes());
    assertEquals(404, upload.status());
  }
}
