package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Await;
import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Proactive SMS in headless Chromium, as an account admin sets a campaign up: a number that takes
 * replies, a messaging answer checked as it is typed, a campaign open on weekdays, a recipient list
 * refused for its time zone with its error log, then a good list scheduled.
 */
class CampaignsBrowserTest {
  static final String NUMBER = "+12025550150";
  static final String TEXT = "Hi ~first_name~, your flu shot is due. Reply YES to book.";

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void anAdminWritesAnAnswerCreatesACampaignAndAddsRecipients() throws Exception {
    // the account's first sender is a name (nobody can answer it): a campaign needs a number
    assertFalse(h.admin.get("/api/v1/senders").json().getJsonArray("senders").stream()
        .map(s -> (JsonObject) s).anyMatch(s -> s.getBoolean("takesReplies")), "the seeded sender takes no replies");
    Path dir = Files.createTempDirectory("herald-campaign");
    Path bad = Files.writeString(dir.resolve("week-11.csv"), """
        timezone,phone_number,name
        America/New_York,+12025550161,Ann Lee
        Mars/Olympus_Mons,+12025550162,Bo Chen
        """);
    Path good = Files.writeString(dir.resolve("week-12.csv"), """
        timezone,phone_number,name
        America/New_York,+12025550161,Ann Lee
        America/Los_Angeles,+12025550162,Bo Chen
        America/New_York,+12025550163,Cy Diaz
        """);
    LocalDate outreach = LocalDate.now(ZoneOffset.UTC).plusDays(7);

    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      // off until an operator turns it on for the account
      browser.open("/campaigns.html");
      browser.awaitText(By.id("campaigns-off"), "Proactive SMS is not turned on for this account.");
      assertTrue(browser.driver().findElements(By.id("create-campaign")).isEmpty(), "nothing to create yet");
      assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("campaigns", true)).status());

      browser.open("/senders.html");
      browser.await(By.id("s-address")).sendKeys(NUMBER);
      browser.click(By.cssSelector("#new-sender button[type=submit]"));
      browser.awaitText(By.id("main"), "Sender " + NUMBER + " added (long code).");

      // Messaging Answers: the live check counts the text as the server will
      browser.click(By.cssSelector(".menu[data-group='Messaging'] button"));
      browser.click(By.linkText("Messaging Answers"));
      browser.await(By.id("answer-name")).sendKeys("Flu shot due");
      assertEquals("en", browser.await(By.id("answer-language")).getAttribute("value"), "English unless told");
      browser.await(By.id("answer-text")).sendKeys(TEXT);
      browser.awaitText(By.id("answer-check"), "GSM7 · 1 part");
      assertTrue(browser.await(By.id("answer-check")).getText().contains("~first_name~"),
          browser.await(By.id("answer-check")).getText());
      browser.fullScreenshot("answer-check");
      browser.click(By.id("save-answer"));
      browser.awaitText(By.id("answers-message"), "Answer added: Flu shot due (en,");
      browser.awaitText(By.id("answers"), TEXT);
      browser.fullScreenshot("answers");

      // Proactive SMS: every day starts Closed, and a campaign closed every day is refused
      browser.click(By.cssSelector(".menu[data-group='Messaging'] button"));
      browser.click(By.linkText("Proactive SMS"));
      browser.awaitText(By.id("campaigns"), "No campaigns yet.");
      browser.click(By.id("create-campaign"));
      browser.await(By.id("campaign-name")).sendKeys("December flu shots");
      browser.await(By.id("campaign-description")).sendKeys("Patients due for their yearly flu shot");
      Select sender = new Select(browser.await(By.id("campaign-sender")));
      assertEquals(List.of(NUMBER), sender.getOptions().stream().map(WebElement::getText).toList(), "only numbers that take replies");
      assertEquals("en", new Select(browser.await(By.id("campaign-language"))).getFirstSelectedOption().getText());
      assertEquals("Flu shot due", new Select(browser.await(By.id("campaign-answer"))).getFirstSelectedOption().getText());
      for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
        assertTrue(browser.await(By.id("closed-" + day)).isSelected(), day + " starts closed");
        assertEquals("09:00", browser.await(By.id("open-" + day)).getAttribute("value"));
        assertEquals("17:00", browser.await(By.id("close-" + day)).getAttribute("value"));
      }
      browser.click(By.id("save-campaign"));
      browser.awaitText(By.id("campaigns-message"), "schedule has no open day");
      for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
        browser.click(By.id("closed-" + day));
      }
      browser.fullScreenshot("campaign-form");
      browser.click(By.id("save-campaign"));

      // the campaign's page
      Await.until("the campaign page", () -> browser.driver().getCurrentUrl().contains("/campaign.html?id="));
      long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1"));
      browser.awaitText(By.tagName("h1"), "December flu shots");
      browser.awaitText(By.id("campaign-status"), "No recipients");
      assertEquals("Mon 09:00–17:00 · Tue 09:00–17:00 · Wed 09:00–17:00 · Thu 09:00–17:00 · Fri 09:00–17:00 · Sat, Sun closed",
          browser.await(By.id("campaign-schedule")).getText());
      String details = browser.await(By.id("campaign-details")).getText();
      assertTrue(details.contains(NUMBER) && details.contains("Flu shot due") && details.contains("Patients due"), details);
      assertTrue(browser.await(By.id("pause-campaign")).isDisplayed());
      assertTrue(browser.await(By.id("archive-campaign")).isDisplayed());
      assertTrue(browser.await(By.id("csv-template")).getAttribute("href")
          .endsWith("/api/v1/campaigns/" + id + "/lists/template.csv"), "the template link");
      assertEquals("< Proactive SMS", browser.await(By.id("back")).getText());

      // a list with a time zone that does not exist is refused whole, with its error log
      browser.await(By.id("recipients-file")).sendKeys(bad.toString());
      browser.setValue("outreach-at", outreach + "T09:00");
      browser.click(By.id("save-list"));
      browser.awaitText(By.id("list-message"), "Invalid Timezone");
      String log = browser.await(By.id("error-log")).getAttribute("href");
      assertTrue(log.contains("/api/v1/campaigns/" + id + "/lists/") && log.contains("errors.csv"), log);
      String errors = browser.fetch(log);
      assertTrue(errors.contains("Invalid Timezone") && errors.contains("Mars/Olympus_Mons"), errors);
      browser.awaitText(By.id("lists"), "Refused");
      browser.fullScreenshot("campaign-refused");

      // a good list, with an end: scheduled for its three recipients
      browser.await(By.id("recipients-file")).sendKeys(good.toString());
      browser.setValue("outreach-at", outreach + "T09:00");
      assertFalse(browser.driver().findElement(By.id("end-at")).isDisplayed(), "no end unless asked for");
      browser.click(By.id("has-end"));
      browser.setValue("end-at", outreach.plusDays(7) + "T17:00");
      browser.click(By.id("save-list"));
      browser.awaitText(By.id("list-message"), "Recipients added: 3 recipients, outreach from ");
      WebElement row = browser.await(By.xpath("//div[@id='lists']//tr[td[2][text()='week-12.csv']]"));
      assertTrue(row.getText().contains("Scheduled"), row.getText());
      assertEquals("3", row.findElement(By.xpath("td[6]")).getText(), "recipients");
      assertEquals(1, row.findElements(By.cssSelector("button.cancel-list")).size(), "a scheduled list can be cancelled");
      browser.awaitText(By.id("campaign-counts"), "3");
      JsonObject campaign = h.admin.get("/api/v1/campaigns/" + id).json();
      JsonObject list = campaign.getJsonArray("lists").getJsonObject(0);
      assertEquals("Scheduled", list.getString("status"));
      assertEquals(3, list.getJsonObject("counts").getInteger("recipients"));
      assertTrue(list.getString("startAt").startsWith(outreach.toString()), list.encode());
      browser.assertNoEmptyValues();
      browser.fullScreenshot("campaign");

      // the campaign in the list of campaigns
      browser.click(By.id("back"));
      WebElement listed = browser.await(By.xpath("//div[@id='campaigns']//tr[td[1]/a[text()='December flu shots']]"));
      assertTrue(listed.getText().contains(NUMBER) && listed.getText().contains("Scheduled"), listed.getText());
      assertEquals("3", listed.findElement(By.xpath("td[4]")).getText(), "recipients");
      browser.assertNoEmptyValues();
      browser.fullScreenshot("campaigns");

      // the answer the campaign sends is kept
      browser.click(By.cssSelector(".menu[data-group='Messaging'] button"));
      browser.click(By.linkText("Messaging Answers"));
      browser.click(By.cssSelector("button.delete-answer"));
      browser.driver().switchTo().alert().accept();
      browser.awaitText(By.id("answers-message"), "the answer is used by the campaign 'December flu shots'");
      browser.awaitText(By.id("answers"), "Flu shot due");
    }
  }
}
