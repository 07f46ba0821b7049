package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.herald.testing.MailServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The office hears of a dropped file that was refused or had rows rejected, and not of a clean one. */
class DropNotificationsTest {
  private static final String OFFICE = "office@clinic.example";
  static final MailServer mail = MailServer.open();
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject()
      .put("http", new JsonObject().put("publicUrl", "https://herald.clinic.example"))
      .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port()).put("from", "herald@clinic.example")));
  static JsonObject profile;

  @BeforeAll
  static void start() {
    profile = f.profile(new JsonObject().put("username", "clinic").put("name", "Front desk").put("mobileColumn", "Mobile")
        .put("fields", new JsonArray().add(new JsonObject().put("column", "First").put("label", "first")))
        .put("template", "Hi ~first~, see you soon"));
    Api.Response set = f.asAdmin("PUT", "/api/v1/notifications/settings",
        new JsonObject().put("recipients", new JsonArray().add(OFFICE)));
    assertEquals(200, set.status(), set.body());
  }

  @AfterAll
  static void stop() {
    mail.close();
  }

  private static long fileId(String name) {
    return f.db.queryLong("SELECT id FROM drop_files WHERE name = '" + name + "'");
  }

  @Test
  void aRefusedFileAndOneWithRejectedRowsAreMailedWithTheirReasonAndReportLink() {
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertTrue(ftp.login("clinic", profile.getString("password")), ftp.reply());
      assertTrue(ftp.put("monday.csv", "First,Phone\nAna,+12025550301\n"));
      ftp.await("/error/monday.result.csv");
      assertTrue(ftp.put("tuesday.csv", "First,Mobile\nAna,+12025550302\nBen,12\nCy,+12025550303\n"));
      ftp.await("/processed/tuesday.result.csv");
      assertTrue(ftp.put("wednesday.csv", "First,Mobile\nDee,+12025550304\n"));
      ftp.await("/processed/wednesday.result.csv");
      assertTrue(ftp.put("thursday.csv", "First\nEd\n"));
      ftp.await("/error/thursday.result.csv");
    }

    MailServer.Received refused = mail.await("Drop & Go: monday.csv refused: ");
    assertEquals(OFFICE, refused.to());
    assertTrue(refused.subject().contains("Mobile"), "the reason names the missing column: " + refused.subject());
    assertTrue(refused.text().contains("https://herald.clinic.example/rejects.html?file=" + fileId("monday.csv")),
        refused.text());
    assertTrue(refused.text().contains("error/"), "it says where the result file is: " + refused.text());

    MailServer.Received rejected = mail.await("Drop & Go: tuesday.csv processed, 1 of 3 rows rejected");
    assertEquals(OFFICE, rejected.to());
    assertTrue(rejected.text().contains("2 messages are on their way"), rejected.text());
    assertTrue(rejected.text().contains("https://herald.clinic.example/rejects.html?file=" + fileId("tuesday.csv")),
        rejected.text());
    assertFalse(rejected.text().contains("2025550302") || rejected.text().contains("Ana"),
        "no phone number or patient name in the mail: " + rejected.text());

    // files are told of in the order they finished: once thursday's mail is here, wednesday's event was handled
    mail.await("Drop & Go: thursday.csv refused: ");
    assertTrue(mail.withSubject("Drop & Go: wednesday.csv").isEmpty(), "a clean file sends no mail");
    assertEquals(3, mail.mailsTo(OFFICE).size(), "one mail per file event: " + mail.mails());
  }
}
