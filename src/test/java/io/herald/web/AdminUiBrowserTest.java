package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Browser;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin UI in headless Chromium against a whole Herald sending to a loopback SMSC. */
class AdminUiBrowserTest {
  static final String USER_EMAIL = "clerk@test.example";
  static final String USER_PASSWORD = "clerk password 1";
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static Herald herald;
  static Api admin;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    smsc.responder(s -> s.destination().endsWith("9999") ? 0x0B : 0); // a number the carrier refuses
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withPeer(smsc, 20, 2000)));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    Api.Response created = admin.post("/api/v1/users", new JsonObject().put("email", USER_EMAIL)
        .put("password", USER_PASSWORD).put("role", "user"));
    assertEquals(201, created.status(), created.body());
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  @Test
  void aWrongPasswordShowsAnError() {
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.open("/");
      browser.await(By.id("email")).sendKeys(TestHerald.ADMIN_EMAIL);
      browser.driver().findElement(By.id("password")).sendKeys("not the password");
      browser.driver().findElement(By.id("submit")).click();
      assertEquals("wrong e-mail or password", browser.await(By.id("login-error")).getText());
      browser.screenshot("login-error");
    }
  }

  @Test
  void anAdminSendsAJobWatchesItCompleteAndDownloadsTheReport() {
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/jobs.html");
      browser.await(By.cssSelector("details summary")).click();
      browser.await(By.id("job-name")).sendKeys("Flu clinic");
      browser.driver().findElement(By.id("job-text")).sendKeys("Flu shots this Friday, 9-5.");
      browser.driver().findElement(By.id("job-numbers")).sendKeys("+12025550401\n(202) 555-0402\n+12025559999\nnot a number");
      browser.driver().findElement(By.cssSelector("#new-job button[type=submit]")).click();
      browser.awaitText(By.cssSelector("#new-job + div"), "3 accepted, 1 rejected");
      assertTrue(browser.driver().findElement(By.cssSelector("#new-job + div")).getText().contains("invalid phone number"));
      browser.screenshot("jobs-new");
      browser.await(By.id("new-job-link")).click();

      WebElement verdict = browser.awaitText(By.id("verdict"), "1 of 3 messages failed");
      assertTrue(verdict.getAttribute("class").contains("bad"));
      browser.awaitText(By.id("job-status"), "completed");
      browser.screenshot("job");

      String href = browser.driver().findElement(By.id("report")).getAttribute("href");
      List<String> report = browser.fetch(href).lines().toList();
      assertEquals("\"Full Name\",\"Phone Number\",\"SMS Status\",\"Error Details\",\"Message Text\",\"Timestamp\"", report.get(0));
      assertEquals(4, report.size(), String.join("\n", report));
      assertTrue(report.get(1).startsWith(",\"+12025550401\",\"delivered\",,\"Flu shots this Friday, 9-5.\","), report.get(1));
      assertTrue(report.get(2).startsWith(",\"+12025550402\",\"delivered\",,"), report.get(2));
      assertTrue(report.get(3).contains("\"+12025559999\",\"failed\""), report.get(3));

      browser.open("/jobs.html");
      browser.awaitText(By.id("jobs"), "Flu clinic");
      browser.screenshot("jobs");
    }
  }

  @Test
  void anAllGoodJobShowsGreen() {
    JsonObject job = admin.post("/api/v1/jobs", new JsonObject().put("name", "All good").put("template", "Hello")
        .put("recipients", new JsonArray().add(new JsonObject().put("to", "+12025550501")))).json();
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/job.html?id=" + job.getLong("id"));
      WebElement verdict = browser.awaitText(By.id("verdict"), "All 1 messages went through");
      assertTrue(verdict.getAttribute("class").contains("ok"));
    }
  }

  @Test
  void composeCountsAsTheServerDoes() {
    List<String> texts = List.of("Hello", "x".repeat(160), "x".repeat(161), "€".repeat(80), "x".repeat(152) + "€",
        "Café ñ ü ß", "Olá 😀", "😀".repeat(35), "é".repeat(70) + "ł", "a" + "😀".repeat(34), "{[~]}^|\\", "line\nbreak\r\f");
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/compose.html");
      browser.await(By.id("body"));
      for (String text : texts) {
        JsonObject server = admin.post("/api/v1/messages", new JsonObject().put("to", "+12025550601").put("body", text)).json();
        Object measured = browser.driver().executeScript("const m = Sms.measure(arguments[0]); return m.encoding + ' ' + m.segments;", text);
        assertEquals(server.getString("encoding") + " " + server.getInteger("segments"), measured, "for " + text);
      }
      // typed, the counter says it too, and sending answers with the same numbers
      browser.driver().findElement(By.id("to")).sendKeys("+12025550602");
      browser.driver().findElement(By.id("body")).sendKeys("x".repeat(161));
      assertEquals("161 characters · GSM7 · 2 parts (153 per part)", browser.driver().findElement(By.id("counter")).getText());
      browser.driver().findElement(By.cssSelector("#compose button[type=submit]")).click();
      browser.awaitText(By.id("compose-result"), "(GSM7, 2 parts)");
      browser.awaitText(By.id("message-status"), "delivered");
      browser.screenshot("compose");
    }
  }

  @Test
  void contactsCanBeAddedSearchedEditedAndDeleted() {
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/contacts.html");
      browser.await(By.id("add")).click();
      browser.await(By.id("c-first")).sendKeys("Ada");
      browser.driver().findElement(By.id("c-last")).sendKeys("Lovelace");
      browser.driver().findElement(By.id("c-phone")).sendKeys("+12025550701");
      browser.driver().findElement(By.id("save-contact")).click();
      browser.awaitText(By.id("contacts"), "Ada Lovelace");
      browser.driver().findElement(By.id("search")).sendKeys("Lovelace\n");
      browser.awaitText(By.id("contact-count"), "1 contact");
      browser.click(By.cssSelector("button[aria-label='Edit +12025550701']"));
      WebElement first = browser.await(By.id("c-first"));
      first.clear();
      first.sendKeys("Augusta");
      browser.driver().findElement(By.id("save-contact")).click();
      browser.awaitText(By.id("contacts"), "Augusta Lovelace");
      browser.screenshot("contacts");
      String csv = browser.fetch(browser.driver().findElement(By.id("export-csv")).getAttribute("href"));
      assertTrue(csv.contains("Augusta"), csv);
      browser.click(By.cssSelector("button[aria-label='Delete +12025550701']"));
      browser.driver().switchTo().alert().accept();
      browser.awaitText(By.id("contacts"), "No contacts match.");
    }
  }

  @Test
  void aUserCannotOpenSettings() {
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(USER_EMAIL, USER_PASSWORD);
      String menu = browser.await(By.cssSelector("header nav")).getText();
      assertFalse(menu.contains("Users"), menu);
      assertFalse(menu.contains("Drop & Go Settings"), menu);
      assertFalse(menu.contains("SMSC"), menu);
      for (String page : List.of("/users.html", "/drop-settings.html", "/fields.html", "/smsc.html")) {
        browser.open(page);
        assertEquals("You do not have access to this page.", browser.await(By.id("forbidden")).getText(), page);
      }
      browser.screenshot("user-forbidden");
      // and the server says no too, whatever the page shows
      assertTrue(browser.fetch("/api/v1/users").contains("only account admins may do this"));
    }
  }

  @Test
  void everyPageOpensForAnAdminAndAnOperator() {
    List<String> pages = List.of("index", "jobs", "compose", "sent-log", "drops", "contacts", "import", "groups", "opt-outs",
        "fields", "drop-settings", "users");
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      for (String page : pages) {
        browser.open("/" + page + ".html");
        browser.await(By.id("logout"));
        Api.sleep(700); // the page's first answers render
        assertTrue(browser.driver().findElements(By.cssSelector("main .error")).isEmpty(),
            page + ": " + browser.driver().findElement(By.id("main")).getText());
        browser.screenshot(page);
      }
      browser.open("/index.html");
      browser.awaitText(By.id("links"), "carrier");
      browser.awaitText(By.cssSelector("[data-stat=delivered]"), "");
      browser.screenshot("index");
      browser.driver().findElement(By.id("logout")).click();
      browser.await(By.id("email"));
      browser.open("/jobs.html");
      browser.await(By.id("email")); // logged out: back to the log-in page
    }
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
      browser.open("/smsc.html");
      browser.awaitText(By.id("smsc"), "bound");
      browser.await(By.cssSelector("#main[data-simulator=absent]"));
      assertTrue(browser.driver().findElements(By.id("sim-reply")).isEmpty(), "no simulator, no reply form");
      browser.screenshot("smsc");
      browser.open("/users.html");
      browser.awaitText(By.id("users"), TestHerald.ADMIN_EMAIL);
      browser.screenshot("users-operator");
      browser.open("/index.html");
      browser.awaitText(By.id("queues"), "all accounts");
      browser.screenshot("index-operator");
    }
  }
}
