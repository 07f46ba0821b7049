package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Mass Text Alerts in headless Chromium, as a clinic admin tells tomorrow's clients the doctor is
 * out: refused until two-way texting is on, then tomorrow's range counted (one text a client, a
 * cancelled appointment left out), a range over 7 days refused, the characters left counted as
 * typed, Send confirmed, and the alert's green line and report once every text went.
 */
class AlertsBrowserTest {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final String NUMBER = "+12025550150";
  static final String ANN = "+12025550161";
  static final String BO = "+12025550162";
  static final String CY = "+12025550163";
  static final String DI = "+12025550164";
  static final String ED = "+12025550165";
  static final String TEXT = "Dr. Vega is out sick tomorrow. Reply here and we will rebook your visit.";

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> new JsonObject()
      .put("alerts", new JsonObject().put("perMinute", 6000)));

  @Test
  void anAdminTextsTomorrowsClientsOnceEachAndGetsTheReport() {
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("timeZone", ZONE.getId())).status());
    Api.Response sender = h.admin.post("/api/v1/senders", new JsonObject().put("address", NUMBER).put("default", true));
    assertEquals(201, sender.status(), sender.body());
    LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
    JsonArray appointments = new JsonArray()
        .add(appointment("a-1", "Ann Lee", ANN, "Rex", tomorrow, "09:00", "booked"))
        .add(appointment("a-2", "Ann Lee", ANN, "Milo", tomorrow, "10:30", "booked")) // her second patient
        .add(appointment("a-3", "Bo Chen", BO, "Luna", tomorrow, "15:00", "booked"))
        .add(appointment("a-4", "Cy Diaz", CY, "Max", tomorrow, "11:00", "cancelled"))
        .add(appointment("a-5", "Di Park", DI, "Bella", tomorrow.plusDays(1), "09:00", "booked")) // the day after
        .add(appointment("a-6", "Ed Fox", ED, "Coco", tomorrow, "12:00", "booked")) // opted out
        .add(appointment("a-7", "Fay Gold", "555-01", "Oreo", tomorrow, "13:00", "booked")); // no number to text
    Api.Response loaded = h.admin.post("/api/v1/appointments", new JsonObject().put("appointments", appointments));
    assertEquals(200, loaded.status(), loaded.body());
    assertEquals(7, loaded.json().getInteger("saved"), loaded.body());
    assertEquals(201, h.admin.post("/api/v1/opt-outs", new JsonObject().put("address", ED)).status());

    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/index.html");
      browser.click(By.id("alerts-link"));
      browser.awaitText(By.tagName("h1"), "Mass Text Alerts");
      // off until an operator turns the product, then two-way texting, on for the account
      browser.awaitText(By.id("alert-message"), "Mass text alerts are not turned on for this account");
      assertFalse(browser.await(By.id("send-alert")).isEnabled(), "nothing to send yet");
      assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("alerts", true)).status());
      browser.driver().navigate().refresh();
      browser.awaitText(By.id("alert-message"), "Mass text alerts need two-way texting");
      assertFalse(browser.await(By.id("send-alert")).isEnabled(), "nothing to send yet");
      browser.fullScreenshot("alerts-off");
      assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("twoWay", true)).status());

      browser.driver().navigate().refresh();
      browser.awaitText(By.id("alert-activity"), "No alerts sent yet.");
      Select range = new Select(browser.await(By.id("alert-range")));
      assertEquals(List.of("Rest of today", "Tomorrow", "Next 7 days", "Custom date range"),
          range.getOptions().stream().map(WebElement::getText).toList());
      assertFalse(browser.driver().findElement(By.id("alert-from")).isDisplayed(), "no dates unless the range is custom");
      range.selectByVisibleText("Tomorrow");
      WebElement preview = browser.awaitText(By.id("alert-preview"), "2 clients will get this text");
      assertTrue(preview.getText().contains("5 appointments from ") && preview.getText().contains("09:00")
          && preview.getText().contains("15:00"), preview.getText());
      assertEquals("1 opted out (skipped)", browser.await(By.id("alert-opted-out")).getText());
      assertTrue(browser.await(By.id("alert-unreachable")).getText().contains("Fay Gold (555-01)"),
          browser.await(By.id("alert-unreachable")).getText());
      assertTrue(preview.getText().contains("(" + ZONE.getId() + ")"), preview.getText());
      assertFalse(browser.await(By.id("send-alert")).isEnabled(), "no message yet");

      // a custom range is at most 7 days
      range.selectByVisibleText("Custom date range");
      browser.setValue("alert-from", tomorrow + "T08:00");
      browser.setValue("alert-to", tomorrow.plusDays(9) + "T08:00");
      browser.awaitText(By.id("alert-message"), "the range is longer than 7 days");
      assertFalse(browser.await(By.id("send-alert")).isEnabled(), "nothing to send to a refused range");
      browser.fullScreenshot("alerts-custom");
      range.selectByVisibleText("Tomorrow");
      browser.awaitText(By.id("alert-preview"), "2 clients will get this text");
      assertTrue(browser.driver().findElements(By.cssSelector("#alert-message .error")).isEmpty(), "the error goes");
      assertFalse(browser.driver().findElement(By.id("alert-from")).isDisplayed());

      browser.await(By.id("alert-body")).sendKeys(TEXT);
      browser.awaitText(By.id("alert-counter"), (160 - TEXT.length()) + " characters remaining · GSM7 · 1 part");
      assertTrue(browser.await(By.id("send-alert")).isEnabled());
      browser.assertNoEmptyValues();
      browser.fullScreenshot("alerts-preview");

      // Send asks first; Cancel sends nothing
      browser.click(By.id("send-alert"));
      browser.awaitText(By.id("alert-confirm"), "Send this text to 2 clients?");
      browser.click(By.id("cancel-alert"));
      Await.until("the confirmation to close", () -> !browser.driver().findElement(By.id("alert-confirm")).isDisplayed());
      assertTrue(h.admin.get("/api/v1/alerts").json().getJsonArray("alerts").isEmpty(), "cancelled: no alert");
      browser.click(By.id("send-alert"));
      browser.awaitText(By.id("alert-confirm"), "Send this text to 2 clients?");
      browser.fullScreenshot("alerts-confirm");
      browser.click(By.id("confirm-alert"));

      browser.awaitText(By.id("alert-message"), "Alert sent to 2 clients");
      WebElement entry = browser.await(By.cssSelector("#alert-activity .alert-entry"));
      assertTrue(entry.getText().contains(TEXT) && entry.getText().contains("2 clients"), entry.getText());
      assertEquals("", browser.driver().findElement(By.id("alert-body")).getAttribute("value"), "the message is cleared");
      WebElement line = browser.awaitText(By.cssSelector("#alert-activity .alert-entry .alert-line"), "All 2 messages were sent");
      assertTrue(line.getAttribute("class").contains("ok"), line.getAttribute("class"));
      assertEquals(1, browser.driver().findElements(By.cssSelector("#alert-activity .alert-entry")).size());

      JsonObject alert = h.admin.get("/api/v1/alerts").json().getJsonArray("alerts").getJsonObject(0);
      assertEquals("done", alert.getString("status"), alert.encode());
      assertEquals(2, alert.getInteger("recipients"), alert.encode());
      String report = browser.await(By.cssSelector("#alert-activity .alert-entry a.report")).getAttribute("href");
      assertTrue(report.endsWith("/api/v1/alerts/" + alert.getLong("id") + "/report.csv"), report);
      String csv = browser.fetch(report);
      assertEquals("Client Full Name,Client Phone Number,SMS Status,Error Details,Message Text,Timestamp",
          csv.lines().findFirst().orElse("").replace("\"", ""), csv);
      assertTrue(csv.contains("Ann Lee") && csv.contains("Bo Chen"), csv);
      assertFalse(csv.contains("Cy Diaz") || csv.contains("Di Park"), csv);
      assertTrue(csv.contains("Ed Fox") && csv.contains("Fay Gold"), "the skipped clients and why: " + csv);

      // one text a client, from the default sender; the cancelled and the day after get none
      h.awaitTexts(List.of(ANN, BO), 2);
      assertEquals(List.of(TEXT), h.textsTo(ANN));
      assertEquals(List.of(TEXT), h.textsTo(BO));
      assertTrue(h.textsTo(CY).isEmpty() && h.textsTo(DI).isEmpty(), "no text outside the range");
      assertTrue(h.textsTo(ED).isEmpty(), "none to a number that opted out");
      assertTrue(h.smsc.submits().stream().filter(s -> s.destination().equals(ANN.substring(1)))
          .allMatch(s -> s.source().equals(NUMBER.substring(1))), "from the default sender");
      browser.assertNoEmptyValues();
      browser.fullScreenshot("alerts");

      // the activity is kept
      browser.driver().navigate().refresh();
      browser.awaitText(By.cssSelector("#alert-activity .alert-entry .alert-line"), "All 2 messages were sent");
      assertTrue(browser.await(By.cssSelector("#alert-activity .alert-entry")).getText().contains(TEXT));
    }
  }

  private static JsonObject appointment(String id, String client, String phone, String patient, LocalDate day, String at,
                                        String status) {
    return new JsonObject().put("externalId", id).put("clientName", client).put("phone", phone).put("patient", patient)
        .put("startAt", day.atTime(LocalTime.parse(at)).atZone(ZONE).toInstant().toString())
        .put("provider", "Dr. Vega").put("location", "Main St").put("status", status);
  }
}
