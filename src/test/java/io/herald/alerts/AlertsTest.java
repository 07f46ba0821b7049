package io.herald.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.herald.testing.MailServer;
import io.herald.testing.Seed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mass text alerts: one text per client with an appointment in the range, refusals with their reasons, the report. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsTest {
  private static final String NUMBER = "+12025550100";
  static final MailServer mail = MailServer.open();
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> new JsonObject()
      .put("alerts", new JsonObject().put("perMinute", 6_000))
      .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port()).put("from", "herald@clinic.example")));
  static final LocalDate TOMORROW = LocalDate.now(ZoneOffset.UTC).plusDays(1);

  private static String at(int hour) {
    return TOMORROW.atTime(hour, 0).toString();
  }

  private static JsonObject range() {
    return new JsonObject().put("from", TOMORROW + "T00:00").put("to", TOMORROW.plusDays(1) + "T00:00");
  }

  private static JsonObject appointment(String id, String client, String phone, String patient, int hour, String status) {
    return new JsonObject().put("externalId", id).put("clientName", client).put("phone", phone).put("patient", patient)
        .put("startAt", at(hour)).put("provider", "Dr. Wu").put("status", status);
  }

  @BeforeAll
  static void setUp() {
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", NUMBER)).status());
    JsonArray list = new JsonArray()
        .add(appointment("a1", "Ana Diaz", "(202) 555-0131", "Rex", 9, "booked"))
        .add(appointment("a2", "Ana Diaz", "2025550131", "Milo", 11, "booked"))
        .add(appointment("b1", "Ben Ode", "2025550132", "Tom", 10, "cancelled"))
        .add(appointment("c1", "Cy Park", "2025550133", "Kit", 12, "booked"))
        .add(appointment("d1", "Dee Lo", "n/a", "Bo", 13, "booked"))
        .add(new JsonObject().put("externalId", "e1").put("phone", "2025550134").put("startAt", "next tuesday"));
    Api.Response saved = h.admin.post("/api/v1/appointments", new JsonObject().put("appointments", list));
    assertEquals(200, saved.status(), saved.body());
    assertEquals(5, saved.json().getInteger("saved"));
    assertEquals(new JsonObject().put("index", 5).put("field", "startAt").put("value", "next tuesday")
        .put("error", "startAt is not a date and time like 2026-12-05T09:30"), saved.json().getJsonArray("rejected").getJsonObject(0));
    // sent again, as a nightly export is: nothing doubles
    assertEquals(200, h.admin.post("/api/v1/appointments", new JsonObject().put("appointments", list)).status());
    assertEquals(5, h.db.queryLong("SELECT count(*) FROM appointments"));
    assertEquals(201, h.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550133")).status());
    assertEquals(200, h.admin.send("PUT", "/api/v1/notifications/settings", new JsonObject()
        .put("recipients", new JsonArray().add("office@clinic.example"))).status());
  }

  @AfterAll
  static void stop() {
    mail.close();
  }

  @Test
  @Order(1)
  void refusalsSayWhyAndSendNothing() {
    Api.Response notOn = h.admin.post("/api/v1/alerts/preview", range());
    assertEquals(403, notOn.status());
    assertEquals("Mass text alerts are not turned on for this account: ask your Herald operator to turn them on",
        notOn.json().getString("error"));
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("alerts", true)).status());
    Api.Response off = h.admin.post("/api/v1/alerts/preview", range());
    assertEquals(409, off.status());
    assertEquals("Mass text alerts need two-way texting: ask your Herald operator to turn it on for this account",
        off.json().getString("error"));
    twoWay();
    Api user = Seed.user(h.herald.httpPort(), "desk@test.example", "user");
    assertEquals(403, user.post("/api/v1/alerts", range().put("body", "hi")).status());
    assertEquals("the range is longer than 7 days: pick at most 7 days of appointments", h.admin.post("/api/v1/alerts",
        range().put("to", TOMORROW.plusDays(9) + "T00:00").put("body", "hi")).json().getString("error"));
    assertEquals("the range has already passed: pick appointments still to come", h.admin.post("/api/v1/alerts",
        new JsonObject().put("from", "2026-01-01T00:00").put("to", "2026-01-02T00:00").put("body", "hi")).json().getString("error"));
    assertEquals("body is empty: type the message to send", h.admin.post("/api/v1/alerts", range().put("body", " "))
        .json().getString("error"));
    assertEquals("body is too long: 11 parts of GSM7, the maximum is 10", h.admin.post("/api/v1/alerts",
        range().put("body", "x".repeat(153 * 10 + 1))).json().getString("error"));
    assertEquals(409, h.admin.post("/api/v1/alerts", new JsonObject().put("from", TOMORROW.plusDays(3) + "T00:00")
        .put("to", TOMORROW.plusDays(4) + "T00:00").put("body", "hi")).status(), "nobody has an appointment then");
    Api.Response allOut = h.admin.post("/api/v1/alerts", new JsonObject().put("from", at(12)).put("to", at(13)).put("body", "hi"));
    assertEquals(409, allOut.status(), allOut.body());
    assertEquals("every client with an appointment in this range has opted out", allOut.json().getString("error"));
    assertEquals(0, h.db.queryLong("SELECT count(*) FROM alerts"), "nothing of a refused alert is kept");
  }

  @Test
  @Order(3)
  void anAccountsOwnPaceSpacesItsTexts() {
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("alertsPerMinute", 2)).status());
    assertEquals(200, h.admin.post("/api/v1/appointments", new JsonObject().put("appointments", new JsonArray()
        .add(appointment("f1", "Fay", "2025550141", "Ace", 15, "booked"))
        .add(appointment("g1", "Gus", "2025550142", "Bee", 15, "booked")))).status());
    JsonObject sent = h.admin.post("/api/v1/alerts", new JsonObject().put("from", at(15)).put("to", at(16))
        .put("body", "Parking is closed tomorrow.")).json();
    assertEquals(2, sent.getInteger("pacePerMinute"));
    long job = sent.getLong("jobId");
    assertEquals(30, h.db.queryLong("SELECT extract(epoch FROM max(not_before) - min(not_before))::bigint FROM messages"
        + " WHERE job_id = " + job), "two a minute: the second text 30 seconds after the first");
    Api.Response bad = h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("alertsPerMinute", 0));
    assertEquals(400, bad.status());
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().putNull("alertsPerMinute")).status());
    assertEquals(null, h.operator.get("/api/v1/accounts/1").json().getValue("alertsPerMinute"));
  }

  private static void twoWay() {
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("twoWay", true)).status());
  }

  @Test
  @Order(2)
  void oneTextPerClientOptedOutSkippedTheReportSaysWhoAndAReplyOpensAConversation() throws Exception {
    twoWay();
    JsonObject preview = h.admin.post("/api/v1/alerts/preview", range()).json();
    assertEquals(1, preview.getInteger("recipients"), preview.encode());
    assertEquals(1, preview.getInteger("optedOut"));
    assertEquals(4, preview.getInteger("appointments"), "the cancelled one counts for nothing");
    assertEquals(Instant.parse(at(9) + ":00Z").toString(), preview.getString("firstAppointment"));
    assertEquals(new JsonObject().put("clientName", "Dee Lo").put("phone", "n/a").put("reason", "no number that can be texted"),
        preview.getJsonArray("unreachable").getJsonObject(0));
    JsonObject check = h.admin.post("/api/v1/alerts/check", new JsonObject().put("body", "Closed tomorrow")).json();
    assertEquals(145, check.getInteger("remaining"));

    Api.Response sent = h.admin.post("/api/v1/alerts", range().put("body", "The clinic opens at 10 tomorrow. Reply with questions."));
    assertEquals(201, sent.status(), sent.body());
    long id = sent.json().getLong("id");
    assertEquals(1, sent.json().getInteger("skipped"));
    assertEquals(1, sent.json().getInteger("unreachable"));
    assertEquals(6_000, sent.json().getInteger("pacePerMinute"), "the server's pace, as the account has none of its own");
    JsonObject done = h.admin.await("/api/v1/alerts/" + id, a -> "done".equals(a.getString("status")));
    assertEquals(new JsonObject().put("ok", true).put("text", "The message was sent"), done.getJsonObject("line"));
    assertEquals("alert", h.db.queryText("SELECT lane FROM messages WHERE job_id = " + done.getLong("jobId")));
    assertEquals("office@clinic.example", mail.await("Mass text alert finished: the message was sent").to());
    assertEquals(1, h.db.queryLong("SELECT count(*) FROM messages WHERE job_id = " + done.getLong("jobId")));

    String report = h.admin.get("/api/v1/alerts/" + id + "/report.csv").body();
    String[] lines = report.split("\r\n");
    assertEquals("\"Client Full Name\",\"Client Phone Number\",\"SMS Status\",\"Error Details\",\"Message Text\",\"Timestamp\"",
        lines[0]);
    assertTrue(lines[1].startsWith("\"Ana Diaz\",\"+12025550131\",\"delivered\""), lines[1]);
    assertEquals("\"Cy Park\",\"+12025550133\",\"skipped\",\"the number opted out\",\"\",\"\"", lines[2]);
    assertEquals("\"Dee Lo\",\"n/a\",\"skipped\",\"no number that can be texted\",\"\",\"\"", lines[3]);
    assertEquals(0, h.db.queryLong("SELECT count(*) FROM conversations"), "an alert opens no conversation by itself");

    assertEquals(0, h.smsc.sendMo("12025550131", "12025550100", "Is it open at 9?".getBytes(StandardCharsets.ISO_8859_1),
        0, 0, Map.of()).get());
    JsonObject conversation = h.admin.await("/api/v1/conversations", x -> !x.getJsonArray("conversations").isEmpty())
        .getJsonArray("conversations").getJsonObject(0);
    assertEquals("+12025550131", conversation.getString("phone"));
    assertEquals(NUMBER, conversation.getString("sender"));
  }
}
