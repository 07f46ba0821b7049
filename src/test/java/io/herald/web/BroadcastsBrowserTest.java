package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.Seed;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Broadcasts in headless Chromium on Wednesday 9 December 2026, 11:00 in New York (inside the
 * sending hours): an admin turns four-eyes on, writes a message in the SMS Library (and one with a
 * typo, shown with its error), sends it to two groups that share a contact (counted once), checks
 * and confirms it, and is refused approving it herself; a teacher prepares one to all contacts
 * leaving every default; a second admin approves the first (each contact gets one text, the page
 * goes green) and rejects the second with a reason the teacher then reads.
 */
class BroadcastsBrowserTest {
  static final String TEXT = "Hi ~firstName~, school is closed on Friday. Reply STOP to opt out.";
  static final String ANA = "+12025550201";
  static final String BEN = "+12025550202";
  static final String CY = "+12025550203";
  static final String DEE = "+12025550204";
  static final String TEACHER = "teacher@school.example";
  static final String HEAD = "head@school.example";

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.at(Instant.parse("2026-12-09T16:00:00Z"), JsonObject::new);

  @BeforeAll
  static void setUp() {
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("timeZone", "America/New_York")
        .put("broadcasts", true)).status());
    Seed.user(h.herald.httpPort(), TEACHER, "user");
    Seed.user(h.herald.httpPort(), HEAD, "admin");
    assertEquals(201, h.admin.post("/api/v1/fields", new JsonObject().put("key", "parentPhone").put("label", "Parent phone")
        .put("type", "phone")).status());
    long ana = contact("Ana", ANA);
    long ben = contact("Ben", BEN);
    long cy = contact("Cy", CY);
    contact("Dee", DEE);
    group("Class A", ana, ben);
    group("Class B", ana, cy);
  }

  @Test
  void preparedCheckedApprovedByASecondAdminAndRejectedWithAReason() {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      menu(browser, "Broadcasts");
      browser.awaitText(By.tagName("h1"), "Broadcasts");
      // the account's rules: four-eyes on, a price for the cost estimate; the default hours stay
      assertEquals("08:00", browser.await(By.id("s-hours-from")).getAttribute("value"));
      assertEquals("21:00", browser.await(By.id("s-hours-to")).getAttribute("value"));
      browser.click(By.id("s-four-eyes"));
      browser.await(By.id("s-price")).sendKeys("0.0075");
      browser.click(By.id("save-settings"));
      browser.awaitText(By.id("settings-message"), "Broadcast rules saved.");
      JsonObject rules = h.admin.get("/api/v1/broadcasts/settings").json();
      assertEquals(true, rules.getBoolean("fourEyes"), rules.encode());
      assertEquals(0.0075, rules.getDouble("pricePerSegment"), rules.encode());

      // the SMS Library: a message counted as typed, and one with a placeholder no field has
      menu(browser, "SMS Library");
      browser.awaitText(By.tagName("h1"), "SMS Library");
      browser.click(By.id("new-sms"));
      browser.await(By.id("sms-name")).sendKeys("Closed Friday");
      browser.await(By.id("sms-text")).sendKeys(TEXT);
      browser.awaitText(By.id("sms-counter"), "· GSM7 · 1 part");
      browser.click(By.id("save-sms"));
      browser.awaitText(By.id("library-message"), "Message added: Closed Friday");
      browser.click(By.id("new-sms"));
      browser.await(By.id("sms-name")).sendKeys("Typo");
      browser.await(By.id("sms-text")).sendKeys("Hi ~frstName~, see you Monday. Reply STOP to opt out.");
      browser.click(By.id("save-sms"));
      browser.awaitText(By.id("sms-result"), "Saved \"Typo\", but it has errors");
      assertTrue(browser.await(By.id("sms-editor")).getText()
          .contains("With errors: ~frstname~ is not a contact field of this account"), "the form names the error");
      WebElement typo = browser.awaitText(By.cssSelector("#library tr.with-errors"), "Typo");
      assertTrue(typo.getText().contains("With errors: ~frstname~ is not a contact field of this account"), typo.getText());
      assertTrue(browser.await(By.id("library")).getText().contains("Ready to send"));
      browser.click(By.id("cancel-sms"));
      browser.assertNoEmptyValues();
      browser.fullScreenshot("sms-library");

      // to both groups: Ana is in both and gets one text; Dee is in neither
      menu(browser, "Broadcasts");
      browser.click(By.id("new-broadcast"));
      Select message = new Select(browser.await(By.id("b-sms")));
      assertEquals("Closed Friday", message.getFirstSelectedOption().getText());
      WebElement typoOption = message.getOptions().stream().filter(o -> o.getText().startsWith("Typo")).findFirst().orElseThrow();
      assertFalse(typoOption.isEnabled(), "a message with errors cannot be chosen");
      assertEquals("Typo (with errors: cannot be sent)", typoOption.getText());
      browser.click(By.id("b-groups"));
      Select available = new Select(browser.await(By.id("b-available")));
      available.selectByVisibleText("Class A (2 contacts)");
      browser.click(By.id("b-add"));
      available.selectByVisibleText("Class B (2 contacts)");
      browser.click(By.id("b-add"));
      assertEquals(List.of("Class A (2 contacts)", "Class B (2 contacts)"), new Select(browser.await(By.id("b-selected")))
          .getOptions().stream().map(WebElement::getText).toList());
      browser.click(By.id("count"));
      WebElement count = browser.awaitText(By.id("count-result"), "3 recipients get this text");
      assertTrue(count.getText().contains("1 contact in none of the chosen groups"), count.getText());
      browser.assertNoEmptyValues();
      browser.fullScreenshot("broadcast-send");

      browser.click(By.id("prepare"));
      WebElement checks = browser.awaitText(By.id("compliance"), "Every check passed");
      assertEquals("Pass", browser.await(By.cssSelector("#compliance tr[data-check=optOut] .check-result")).getText());
      assertEquals("Pass", browser.await(By.cssSelector("#compliance tr[data-check=sendingHours] .check-result")).getText());
      assertEquals(6, browser.driver().findElements(By.cssSelector("#compliance tbody tr[data-check]")).size());
      assertTrue(checks.getText().contains("Estimated: 3 segments to 3 recipients, about 0.02"), checks.getText());
      assertTrue(browser.await(By.id("confirm-prepare")).isEnabled());
      browser.fullScreenshot("broadcast-compliance");
      browser.click(By.id("confirm-prepare"));
      WebElement details = browser.awaitText(By.id("broadcast-details"), "Awaiting approval");
      long first = Long.parseLong(details.getAttribute("data-id"));
      browser.awaitText(By.id("window-message"), "Confirmed and prepared: broadcast " + first + " awaits approval");
      assertTrue(browser.driver().findElement(By.id("new-broadcast-card")).getAttribute("hidden") != null, "the form is done");
      // four-eyes: she prepared it, so she may not approve it; the page says what the server says
      browser.awaitText(By.id("four-eyes-note"), "Four-eyes is on");
      browser.click(By.id("approve"));
      browser.awaitText(By.id("window-message"), "four-eyes is on for this account: someone other than "
          + TestHerald.ADMIN_EMAIL + ", who prepared it, approves it");
      browser.fullScreenshot("broadcast-four-eyes");
      browser.click(By.id("close-window"));
      browser.awaitText(By.cssSelector("#broadcasts tr[data-id='" + first + "']"), "Awaiting approval");
      logOut(browser);

      // a teacher leaves every default: the first good message, all contacts, one text a number, now
      browser.logIn(TEACHER, Seed.PASSWORD);
      browser.open("/broadcasts.html");
      browser.awaitText(By.id("settings-summary"), "Four-eyes is on");
      assertTrue(browser.driver().findElements(By.id("settings-form")).isEmpty(), "admins set the rules");
      browser.click(By.id("new-broadcast"));
      browser.click(By.id("count"));
      browser.awaitText(By.id("count-result"), "4 recipients get this text");
      browser.awaitText(By.id("count-result"), "Nobody is left out.");
      browser.click(By.id("prepare"));
      browser.awaitText(By.id("compliance"), "Every check passed");
      browser.click(By.id("confirm-prepare"));
      details = browser.awaitText(By.id("broadcast-details"), "Awaiting approval");
      long second = Long.parseLong(details.getAttribute("data-id"));
      browser.awaitText(By.id("awaits-admin"), "an account admin approves or rejects it");
      assertTrue(browser.driver().findElements(By.id("approve")).isEmpty(), "users prepare, admins approve");
      browser.click(By.id("close-window"));
      logOut(browser);

      // a second admin: the details of the first, approved; the second rejected with a reason
      browser.logIn(HEAD, Seed.PASSWORD);
      browser.open("/broadcasts.html");
      browser.click(By.cssSelector("#broadcasts tr[data-id='" + first + "'] button.open-broadcast"));
      details = browser.awaitText(By.id("broadcast-details"), "Broadcast " + first + ": Closed Friday");
      String shown = details.getText();
      assertTrue(shown.contains("Groups: Class A, Class B"), shown);
      assertTrue(shown.contains("3 recipients get this text"), shown);
      assertTrue(shown.contains(ANA + ": Hi Ana, school is closed on Friday. Reply STOP to opt out."), shown);
      assertTrue(browser.await(By.id("prepared-by")).getText().startsWith(TestHerald.ADMIN_EMAIL), shown);
      assertTrue(browser.await(By.id("audit-trail")).getText().contains("Confirmed and prepared"), shown);
      assertTrue(browser.await(By.id("audit-trail")).getText().contains("3 recipients"), shown);
      browser.fullScreenshot("broadcast-approval");
      browser.click(By.id("approve"));
      WebElement line = browser.awaitText(By.cssSelector("#broadcast-details .broadcast-line"), "All 3 messages were sent");
      assertTrue(line.getAttribute("class").contains("ok"), line.getAttribute("class"));
      browser.awaitText(By.cssSelector("#broadcast-details .broadcast-status"), "Completed");
      browser.click(By.id("close-window"));
      WebElement row = browser.awaitText(By.cssSelector("#broadcasts tr[data-id='" + first + "'] .broadcast-line"),
          "All 3 messages were sent");
      assertTrue(row.getAttribute("class").contains("ok"));
      assertTrue(browser.await(By.cssSelector("#broadcasts tr[data-id='" + first + "']")).getText().contains("Completed"));
      h.awaitTexts(List.of(ANA, BEN, CY), 3);
      assertEquals(List.of("Hi Ana, school is closed on Friday. Reply STOP to opt out."), h.textsTo(ANA), "one text, in both groups");
      assertEquals(1, h.textsTo(BEN).size());
      assertEquals(1, h.textsTo(CY).size());
      assertTrue(h.textsTo(DEE).isEmpty(), "Dee is in neither group");

      browser.click(By.cssSelector("#broadcasts tr[data-id='" + second + "'] button.open-broadcast"));
      browser.awaitText(By.id("broadcast-details"), "All contacts");
      browser.click(By.id("reject"));
      browser.click(By.id("confirm-reject"));
      browser.awaitText(By.id("window-message"), "Give a reason");
      assertEquals("true", browser.await(By.id("reject-reason-input")).getAttribute("aria-invalid"));
      browser.await(By.id("reject-reason-input")).sendKeys("Say which Friday");
      browser.click(By.id("confirm-reject"));
      browser.awaitText(By.id("reject-reason"), "Rejected by " + HEAD + ": Say which Friday");
      browser.click(By.id("close-window"));
      logOut(browser);

      browser.logIn(TEACHER, Seed.PASSWORD);
      browser.open("/broadcasts.html");
      WebElement rejected = browser.awaitText(By.cssSelector("#broadcasts tr[data-id='" + second + "']"), "Rejected");
      assertTrue(rejected.getText().contains("Reason: Say which Friday"), rejected.getText());
      browser.assertNoEmptyValues();
      browser.fullScreenshot("broadcasts");
      // the link in the e-mail opens the broadcast
      browser.open("/broadcasts.html?id=" + second);
      browser.awaitText(By.id("reject-reason"), "Say which Friday");
    }
    assertTrue(h.textsTo(DEE).isEmpty(), "nothing of the rejected broadcast went");
    assertEquals(1, h.textsTo(ANA).size());
  }

  /**
   * A teacher keeps the SMS Library (no sender list for a user: the default sender unless one is
   * typed), then a later send in another zone with the recipients found again at send time: a
   * changed choice changes the saved draft; approved it is scheduled, then cancelled.
   */
  @Test
  void aTeacherSchedulesALaterSendThatIsApprovedAndThenCancelled() {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TEACHER, Seed.PASSWORD);
      browser.open("/sms-library.html");
      browser.click(By.id("new-sms"));
      assertEquals("input", browser.await(By.id("sms-sender")).getTagName(), "a user types a sender or leaves it");
      browser.await(By.id("sms-name")).sendKeys("Zoo trip");
      browser.await(By.id("sms-text")).sendKeys("Hi ~firstName~, the zoo trip is on Thursday.");
      browser.click(By.id("save-sms"));
      browser.awaitText(By.id("library-message"), "Message added: Zoo trip");
      browser.click(By.cssSelector("button.edit-sms[aria-label='Edit Zoo trip']"));
      browser.await(By.id("sms-text")).sendKeys(" Reply STOP to opt out.");
      browser.click(By.id("save-sms"));
      browser.awaitText(By.id("library-message"), "Message saved: Zoo trip");
      browser.click(By.id("new-sms"));
      browser.await(By.id("sms-name")).sendKeys("Zz scratch");
      browser.click(By.id("save-sms"));
      browser.awaitText(By.id("sms-result"), "it has errors");
      assertTrue(browser.await(By.id("sms-editor")).getText().contains("With errors: the message is empty"));
      browser.click(By.cssSelector("button.delete-sms[aria-label='Delete Zz scratch']"));
      accept(browser);
      browser.awaitText(By.id("library-message"), "Message deleted: Zz scratch");
      assertFalse(browser.await(By.id("library")).getText().contains("Zz scratch"));

      browser.click(By.cssSelector("a.send-sms[aria-label='Broadcast Zoo trip']"));
      Select message = new Select(browser.await(By.id("b-sms")));
      assertEquals("Zoo trip", message.getFirstSelectedOption().getText(), "the library's Broadcast… link chooses it");
      assertEquals(List.of("Phone (the contact's phone number)", "Parent phone (parentPhone)"),
          new Select(browser.await(By.id("b-phone-field"))).getOptions().stream().map(WebElement::getText).toList());
      browser.click(By.id("b-groups"));
      browser.click(By.id("save-draft"));
      browser.awaitText(By.id("send-message"), "Choose one or more groups (select them and press Add)");
      new Select(browser.await(By.id("b-available"))).selectByVisibleText("Class A (2 contacts)");
      browser.click(By.id("b-add"));
      browser.click(By.id("save-draft"));
      WebElement saved = browser.awaitText(By.id("send-message"), "Draft saved: broadcast ");
      long draft = Long.parseLong(saved.getText().replaceAll("^Draft saved: broadcast (\\d+)\\..*$", "$1"));
      browser.awaitText(By.cssSelector("#broadcasts tr[data-id='" + draft + "']"), "Draft");

      assertFalse(browser.driver().findElement(By.id("b-refresh")).isDisplayed(), "refresh is for later sends");
      browser.click(By.id("b-later"));
      assertTrue(browser.await(By.id("b-send-at")).getAttribute("value").endsWith("T10:00"), "tomorrow at 10 unless changed");
      assertEquals("America/New_York (account)", new Select(browser.await(By.id("b-zone"))).getFirstSelectedOption().getText());
      browser.setValue("b-send-at", "2026-12-10T10:00");
      new Select(browser.await(By.id("b-zone"))).selectByValue("America/Chicago");
      browser.click(By.id("b-refresh"));
      browser.click(By.id("count"));
      browser.awaitText(By.id("count-result"), "2 recipients get this text");
      JsonObject changed = h.admin.get("/api/v1/broadcasts/" + draft).json();
      assertEquals("America/Chicago", changed.getString("timeZone"), "the changed choices change the draft itself");
      assertEquals("changed", changed.getJsonArray("events").getJsonObject(1).getString("action"), changed.encode());
      browser.click(By.id("prepare"));
      browser.awaitText(By.id("compliance"), "Every check passed");
      browser.click(By.id("confirm-prepare"));
      WebElement details = browser.awaitText(By.id("broadcast-details"), "Awaiting approval");
      long later = Long.parseLong(details.getAttribute("data-id"));
      assertEquals(draft, later, "one broadcast from draft to confirmed");
      assertTrue(details.getText().contains("10 Dec 2026, 10:00 (America/Chicago), with the recipients found again at send time"),
          details.getText());
      browser.click(By.id("close-window"));
      logOut(browser);

      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/broadcasts.html?id=" + later);
      browser.awaitText(By.id("approve"), "Approve (sent at its time)");
      browser.click(By.id("approve"));
      browser.awaitText(By.cssSelector("#broadcast-details .broadcast-status"), "Approved · scheduled");
      browser.awaitText(By.id("window-message"), "Approved: it goes out 10 Dec 2026, 10:00 (America/Chicago)");
      browser.fullScreenshot("broadcast-scheduled");
      browser.click(By.id("cancel-broadcast"));
      accept(browser);
      browser.awaitText(By.cssSelector("#broadcast-details .broadcast-status"), "Cancelled");
      browser.awaitText(By.id("window-message"), "Broadcast " + later + " cancelled: nothing was sent.");
      browser.click(By.id("close-window"));
      browser.awaitText(By.cssSelector("#broadcasts tr[data-id='" + later + "']"), "Cancelled");
      browser.assertNoEmptyValues();
      assertEquals("cancelled", h.admin.get("/api/v1/broadcasts/" + later).json().getString("status"));
    }
  }

  private static void accept(Browser browser) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
  }

  private static void menu(Browser browser, String page) {
    browser.click(By.cssSelector(".menu[data-group='Messaging'] button"));
    browser.click(By.linkText(page));
  }

  private static void logOut(Browser browser) {
    browser.click(By.id("logout"));
    browser.await(By.id("email"));
  }

  private static long contact(String first, String phone) {
    Api.Response r = h.admin.post("/api/v1/contacts", new JsonObject().put("firstName", first).put("phone", phone));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static void group(String name, long... members) {
    JsonArray ids = new JsonArray();
    for (long m : members) {
      ids.add(m);
    }
    Api.Response r = h.admin.post("/api/v1/groups", new JsonObject().put("name", name).put("type", "static").put("contacts", ids));
    assertEquals(201, r.status(), r.body());
  }
}
