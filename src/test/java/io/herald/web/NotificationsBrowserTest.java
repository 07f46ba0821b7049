package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Await;
import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.MailServer;
import io.herald.testing.Seed;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Notifications page and the operators' Outbox in headless Chromium: recipients saved, a test
 * e-mail read in a real SMTP server, a user's own choice kept, and a mail given up on during an
 * outage sent again with Retry.
 */
class NotificationsBrowserTest {
  static final MailServer mail = MailServer.open();

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> new JsonObject()
      .put("http", new JsonObject().put("publicUrl", "https://herald.clinic.example/"))
      .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port())
          .put("from", "herald@clinic.example").put("retryMinSeconds", 1).put("retryMaxSeconds", 1).put("maxAttempts", 2)));

  @AfterAll
  static void stop() {
    mail.close();
  }

  @Test
  void anAdminSetsRecipientsSendsATestAndAnOperatorRetriesAFailedMail() throws Exception {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.click(By.cssSelector(".menu[data-group='Settings'] button"));
      browser.click(By.linkText("Notifications"));
      browser.awaitText(By.id("my-email"), TestHerald.ADMIN_EMAIL);
      assertFalse(browser.driver().findElement(By.id("mail-off")).isDisplayed(), "mail is configured");
      // no recipient yet: the test mail says what to do first
      browser.click(By.id("test-mail"));
      browser.awaitText(By.id("notify-message"), "add a notification recipient first");

      browser.await(By.id("recipients")).sendKeys("office@clinic.example");
      browser.click(By.id("events-job.paused")); // the office does not want these
      browser.click(By.id("save-settings"));
      browser.awaitText(By.id("notify-message"), "Saved: account mails go to office@clinic.example.");
      JsonObject saved = h.admin.get("/api/v1/notifications/settings").json();
      assertEquals(new JsonArray().add("office@clinic.example"), saved.getJsonArray("recipients"));
      assertFalse(saved.getJsonObject("events").getBoolean("job.paused"));
      assertTrue(saved.getJsonObject("events").getBoolean("drop.refused"));

      browser.click(By.id("test-mail"));
      browser.awaitText(By.id("notify-message"), "Test e-mail queued for 1 recipient.");
      MailServer.Received test = mail.await("Herald: test mail for the account Default");
      assertEquals("office@clinic.example", test.to());
      assertTrue(test.text().contains("https://herald.clinic.example/notifications.html"), test.text());

      // the admin's own choice: unticked is not received
      browser.open("/notifications.html");
      browser.click(By.id("receive-drop.rejected"));
      browser.click(By.id("save-mine"));
      browser.awaitText(By.id("notify-message"), "Saved: you will not get 1 kind of mail.");
      assertEquals(new JsonArray().add("drop.rejected"), h.admin.get("/api/v1/notifications/mine").json().getJsonArray("muted"));
      browser.open("/notifications.html");
      assertFalse(browser.await(By.id("receive-drop.rejected")).isSelected(), "the choice is kept");
      assertTrue(browser.await(By.id("events-drop.refused")).isSelected());
      assertFalse(browser.await(By.id("events-job.paused")).isSelected());
      browser.screenshot("notifications");
    }

    mail.stop(); // an outage: the next test mail is tried twice, then given up on
    assertEquals(202, h.admin.post("/api/v1/notifications/test", new JsonObject()).status());
    Await.until("the mail given up on", () -> h.operator.get("/api/v1/notifications/outbox?status=failed").json()
        .getJsonArray("mails").size() == 1);
    mail.start();
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
      browser.click(By.cssSelector(".menu[data-group='Operators'] button"));
      browser.click(By.linkText("Outbox"));
      browser.awaitText(By.id("outbox"), "gave up after 2 attempts");
      String counts = browser.await(By.id("counts")).getText();
      assertTrue(counts.contains("sent 1") && counts.contains("failed 1"), counts);
      new Select(browser.await(By.id("status-filter"))).selectByValue("sent");
      Await.until("only the sent mail", () -> !browser.await(By.id("outbox")).getText().contains("gave up"));
      new Select(browser.await(By.id("status-filter"))).selectByValue("");
      browser.click(By.cssSelector("button.retry"));
      browser.awaitText(By.id("outbox-message"), "queued again");
      Await.until("the mail sent on retry", () -> mail.withSubject("Herald: test mail").size() == 2);
      browser.open("/outbox.html");
      Await.until("the outbox shows both sent", () -> browser.await(By.id("counts")).getText().contains("sent 2"));
      assertFalse(browser.await(By.tagName("main")).getText().contains("null"), "no empty value is shown as null");
      browser.screenshot("outbox");
    }
  }

  @Test
  void aUserChoosesOnlyTheirOwnMail() throws Exception {
    Seed.user(h.herald.httpPort(), "desk@test.example", "user");
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn("desk@test.example", Seed.PASSWORD);
      browser.open("/notifications.html");
      browser.awaitText(By.id("my-email"), "desk@test.example");
      assertTrue(browser.driver().findElements(By.id("account-settings")).isEmpty(), "a user does not set the account's recipients");
      assertTrue(browser.driver().findElements(By.id("receive-smsc.down")).isEmpty(), "operator alerts are not offered to a user");
      browser.open("/outbox.html");
      browser.awaitText(By.id("forbidden"), "You do not have access to this page.");
    }
  }
}
