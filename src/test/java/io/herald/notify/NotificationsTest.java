package io.herald.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.HeraldHarness;
import io.herald.testing.MailServer;
import io.herald.testing.Seed;
import io.herald.testing.TcpProxy;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications end to end: events become mails in a real SMTP server (GreenMail), with the subject,
 * link and footer a reader needs and no patient data; an outage and a restart lose and double
 * nothing; a job with a failing list pauses itself and says why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsTest {
  private static final String OFFICE = "office@clinic.example";
  private static final String ADMIN = TestHerald.ADMIN_EMAIL;
  static final MailServer mail = MailServer.open();
  static TcpProxy backup;

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> {
    backup = new TcpProxy(NotificationsTest.h.smsc.port());
    return new JsonObject()
        .put("smsc", new JsonArray()
            .add(new JsonObject().put("name", "carrier").put("port", NotificationsTest.h.smsc.port())
                .put("systemId", "carrier").put("password", "pw").put("window", 50).put("tps", 5000))
            .add(new JsonObject().put("name", "backup").put("port", backup.port()).put("systemId", "carrier")
                .put("password", "pw").put("window", 1).put("tps", 1).put("reconnectMinMillis", 200)
                .put("reconnectMaxMillis", 500)))
        .put("http", new JsonObject().put("publicUrl", "https://herald.clinic.example/"))
        .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port())
            .put("from", "herald@clinic.example").put("retryMinSeconds", 1).put("retryMaxSeconds", 2))
        .put("notify", new JsonObject().put("smscDownSeconds", 2).put("checkSeconds", 1))
        .put("dispatch", new JsonObject().put("autoPause", new JsonObject().put("window", 10).put("failures", 5)));
  });

  @AfterAll
  static void stop() {
    mail.close();
    backup.close();
  }

  private static long job(String name, String lane, List<String> numbers) {
    JsonArray recipients = new JsonArray();
    numbers.forEach(n -> recipients.add(new JsonObject().put("to", n).put("body", "Your appointment is at 9:30")));
    Api.Response r = h.admin.post("/api/v1/jobs", new JsonObject().put("name", name).put("lane", lane)
        .put("recipients", recipients));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  @Test
  @Order(1)
  void anAdminChoosesRecipientsAndEventsAndBadSettingsAreRefusedByName() {
    JsonObject settings = h.admin.get("/api/v1/notifications/settings").json();
    assertEquals("on", settings.getString("mail"));
    assertEquals(new JsonArray(), settings.getJsonArray("recipients"));
    settings.getJsonObject("events").forEach(e -> assertEquals(true, e.getValue(), e.getKey() + " is on by default"));
    assertTrue(settings.getJsonObject("events").containsKey("job.paused"));

    Api.Response bad = h.admin.send("PUT", "/api/v1/notifications/settings",
        new JsonObject().put("recipients", new JsonArray().add("front desk")));
    assertEquals(400, bad.status());
    assertEquals("'front desk' is not an e-mail address", bad.json().getString("error"));
    Api.Response unknown = h.admin.send("PUT", "/api/v1/notifications/settings",
        new JsonObject().put("events", new JsonObject().put("job.exploded", true)));
    assertEquals(400, unknown.status());
    assertTrue(unknown.json().getString("error").startsWith("unknown notification 'job.exploded'"), unknown.body());
    Api user = Seed.user(h.herald.httpPort(), "nurse@clinic.example", "user");
    assertEquals(403, user.get("/api/v1/notifications/settings").status());
    assertEquals(200, user.get("/api/v1/notifications/mine").status(), "each user has their own choices");

    JsonObject saved = h.admin.send("PUT", "/api/v1/notifications/settings", new JsonObject()
        .put("recipients", new JsonArray().add(" Office@Clinic.example ").add(ADMIN))
        .put("events", new JsonObject().put("drop.rejected", false))).json();
    assertEquals(new JsonArray().add(OFFICE).add(ADMIN), saved.getJsonArray("recipients"));
    assertEquals(false, saved.getJsonObject("events").getBoolean("drop.rejected"));
    JsonObject again = h.admin.send("PUT", "/api/v1/notifications/settings",
        new JsonObject().put("events", new JsonObject().put("drop.rejected", true))).json();
    assertEquals(saved.getJsonArray("recipients"), again.getJsonArray("recipients"), "recipients left out stay");
    assertEquals(true, again.getJsonObject("events").getBoolean("drop.rejected"));
  }

  @Test
  @Order(2)
  void aJobThatFinishesWithFailuresMailsEachRecipientOnceWithALinkAndNoPatientData() {
    h.smsc.responder(s -> s.destination().endsWith("0666") ? 0x0B : 0);
    long id = job("Flu shots", "bulk", List.of("+12025550601", "+12025550602", "+12025550666"));
    MailServer.Received first = mail.await("Job 'Flu shots' finished");
    assertEquals("Job 'Flu shots' finished: 1 of 3 messages failed", first.subject());
    Await.until("both recipients' mails", () -> mail.withSubject("Job 'Flu shots'").size() >= 2);
    Await.sleep(1_500);
    assertEquals(1, mail.mailsTo(OFFICE).stream().filter(m -> m.subject().startsWith("Job 'Flu shots'")).count());
    assertEquals(1, mail.mailsTo(ADMIN).stream().filter(m -> m.subject().startsWith("Job 'Flu shots'")).count());
    assertTrue(first.text().contains("Open: https://herald.clinic.example/job.html?id=" + id), first.text());
    assertTrue(first.text().contains("https://herald.clinic.example/api/v1/jobs/" + id + "/report.csv?failed=true"));
    assertTrue(first.text().contains("https://herald.clinic.example/notifications.html"), "the footer says how to stop it");
    assertTrue(first.html().contains("<a href=\"https://herald.clinic.example/job.html?id=" + id + "\">"), first.html());
    for (String secret : List.of("2025550666", "2025550601", "appointment is at")) {
      assertFalse(first.text().contains(secret) || first.html().contains(secret), "no patient data: " + secret);
    }
    assertTrue(first.messageId().startsWith("<herald-outbox-"), first.messageId());
  }

  @Test
  @Order(3)
  void aUserWhoTurnedAKindOffDoesNotGetItWhileTheOthersDo() {
    var muted = h.admin.send("PUT", "/api/v1/notifications/mine", new JsonObject().put("muted", new JsonArray().add("job.failed")));
    assertEquals(new JsonArray().add("job.failed"), muted.json().getJsonArray("muted"), muted.body());
    job("Recall list", "bulk", List.of("+12025550611", "+12025550666"));
    mail.await("Job 'Recall list' finished");
    Await.sleep(1_500);
    assertEquals(List.of(OFFICE), mail.withSubject("Job 'Recall list'").stream().map(MailServer.Received::to).toList());
    h.admin.send("PUT", "/api/v1/notifications/mine", new JsonObject().put("muted", new JsonArray()));
  }

  @Test
  @Order(4)
  void aJobWhoseNumbersFailPausesItselfSaysWhyAndResumesWithOneClick() {
    h.smsc.responder(s -> s.destination().startsWith("120255507") ? 0x0B : 0);
    List<String> numbers = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      numbers.add(String.format("+120255507%02d", i));
    }
    long id = job("Old list", "bulk", numbers);
    JsonObject paused = h.admin.await("/api/v1/jobs/" + id, j -> "paused".equals(j.getString("status")));
    assertTrue(paused.getString("pausedReason").matches("\\d+ of its last \\d+ messages were refused with a permanent "
        + "error \\(most often ESME_RINVDSTADR \\(0x0000000B\\)\\)"), paused.getString("pausedReason"));
    MailServer.Received mailed = mail.await("Job 'Old list' paused itself");
    assertEquals("Job 'Old list' paused itself: " + paused.getString("pausedReason"), mailed.subject());
    assertTrue(mailed.text().contains("https://herald.clinic.example/job.html?id=" + id));
    Await.sleep(500);
    long sent = h.smsc.submits().stream().filter(s -> s.destination().startsWith("120255507")).count();
    assertTrue(sent < 60, "a paused job stops sending: " + sent + " of 60 went");

    h.smsc.responder(s -> 0);
    JsonObject resumed = h.admin.post("/api/v1/jobs/" + id + "/resume", new JsonObject()).json();
    assertEquals("running", resumed.getString("status"));
    assertNull(resumed.getString("pausedReason"));
    h.admin.await("/api/v1/jobs/" + id, j -> "completed".equals(j.getString("status")));
  }

  @Test
  @Order(5)
  void conversationTextsNeverPause() {
    h.smsc.responder(s -> s.destination().startsWith("120255508") ? 0x0B : 0);
    List<String> numbers = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      numbers.add(String.format("+120255508%02d", i));
    }
    long id = job("Replies", "conversation", numbers);
    JsonObject done = h.admin.await("/api/v1/jobs/" + id, j -> "completed".equals(j.getString("status")));
    assertEquals(12, done.getJsonObject("counts").getLong("failed"));
    h.smsc.responder(s -> 0);
  }

  @Test
  @Order(6)
  void mailWrittenDuringAnSmtpOutageIsSentOnceWhenItReturnsEvenAcrossARestart() {
    mail.stop();
    JsonObject queued = h.admin.post("/api/v1/notifications/test", new JsonObject()).json();
    assertEquals(2, queued.getInteger("queued"));
    JsonObject waiting = h.operator.await("/api/v1/notifications/outbox?status=pending", o -> o.getJsonArray("mails")
        .stream().map(JsonObject.class::cast).anyMatch(m -> m.getString("lastError") != null
            && m.getString("subject").startsWith("Herald: test mail")));
    assertTrue(waiting.getJsonArray("mails").getJsonObject(0).getString("lastError")
        .startsWith("cannot reach the mail server 127.0.0.1:" + mail.port()), waiting.encode());
    JsonObject health = h.anonymous.get("/health").json();
    assertEquals("failing", health.getJsonObject("mail").getString("state"));

    h.restart();
    Await.sleep(1_000);
    mail.start();
    Await.until("the test mail to both recipients", () -> mail.withSubject("Herald: test mail").size() >= 2);
    Await.sleep(3_000);
    assertEquals(1, mail.mailsTo(OFFICE).stream().filter(m -> m.subject().startsWith("Herald: test mail")).count());
    assertEquals(1, mail.mailsTo(ADMIN).stream().filter(m -> m.subject().startsWith("Herald: test mail")).count());
    assertEquals("ok", h.anonymous.get("/health").json().getJsonObject("mail").getString("state"));
  }

  @Test
  @Order(7)
  void operatorsListTheOutboxAndAccountAdminsCannot() {
    JsonObject outbox = h.operator.get("/api/v1/notifications/outbox").json();
    assertEquals(0, outbox.getJsonObject("counts").getLong("pending"));
    assertTrue(outbox.getJsonObject("counts").getLong("sent") >= 7, outbox.encode());
    JsonObject newest = outbox.getJsonArray("mails").getJsonObject(0);
    assertEquals("sent", newest.getString("status"));
    assertTrue(newest.getString("sentAt") != null);
    assertEquals(403, h.admin.get("/api/v1/notifications/outbox").status());
    assertEquals(400, h.operator.get("/api/v1/notifications/outbox?status=lost").status());
  }

  @Test
  @Order(8)
  void operatorsHearOfAConnectionDownTooLongOnce() {
    backup.cut();
    try {
      MailServer.Received down = mail.await("SMSC connection 'backup' down for");
      assertEquals(TestHerald.OPERATOR_EMAIL, down.to());
      assertTrue(down.text().contains("https://herald.clinic.example/smsc.html"), down.text());
      assertTrue(down.text().contains("You get this because you are a Herald operator"), down.text());
      Await.sleep(2_500);
      assertEquals(1, mail.withSubject("SMSC connection 'backup'").size(), "one mail per outage");
      assertTrue(mail.withSubject("SMSC connection 'carrier'").isEmpty());
    } finally {
      backup.restore();
    }
  }
}
