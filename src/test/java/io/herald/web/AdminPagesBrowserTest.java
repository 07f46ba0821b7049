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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Pages of the admin UI in headless Chromium, each used as a person would: what they show and what they send. */
class AdminPagesBrowserTest {
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static Herald herald;
  static Api admin;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withPeer(smsc, 20, 2000)));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    Api operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    Api.Response on = operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", true));
    assertEquals(200, on.status(), on.body());
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  private static Browser loggedIn() {
    Browser browser = new Browser(herald.httpPort());
    browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    return browser;
  }

  private static void type(Browser browser, String id, String text) {
    var input = browser.await(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + path))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theJobFormTakesANameAfterEachNumberAndTheReportNamesContactsToo() {
    assertEquals(201, admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550611").put("firstName", "Mia")
        .put("lastName", "Wong")).status());
    try (Browser browser = loggedIn()) {
      browser.open("/jobs.html");
      browser.await(By.cssSelector("details summary")).click();
      type(browser, "job-name", "Named");
      type(browser, "job-text", "See you soon");
      type(browser, "job-numbers", "+12025550610, Jane Doe\n+12025550611\n+12025550612;Lee Park");
      browser.driver().findElement(By.cssSelector("#new-job button[type=submit]")).click();
      browser.awaitText(By.cssSelector("#new-job + div"), "3 accepted, 0 rejected");
      browser.await(By.id("new-job-link")).click();
      browser.awaitText(By.id("job-status"), "completed");
      List<String> report = browser.fetch(browser.driver().findElement(By.id("report")).getAttribute("href")).lines().toList();
      assertEquals(4, report.size(), String.join("\n", report));
      assertTrue(report.get(1).startsWith("\"Jane Doe\",\"+12025550610\",\"delivered\","), report.get(1));
      assertTrue(report.get(2).startsWith("\"Mia Wong\",\"+12025550611\",\"delivered\","), "the contact's name: " + report.get(2));
      assertTrue(report.get(3).startsWith("\"Lee Park\",\"+12025550612\",\"delivered\","), report.get(3));
    }
  }

  @Test
  void theDropSummaryLinksAFilesRejectedCountToItsRejectedRows() throws Exception {
    JsonObject profile = admin.post("/api/v1/drop-profiles", new JsonObject().put("username", "front").put("mobileColumn", "Mobile")
        .put("template", "Hello")).json();
    HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + herald.httpPort() + "/api/v1/drop-profiles/" + profile.getLong("id") + "/files?name=monday.csv"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (TestHerald.ADMIN_EMAIL + ":" + TestHerald.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString("Mobile,Name\n+12025550630,Ada\n555,Bo\n+12025550630,Ada again\n"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, sent.statusCode(), sent.body());
    try (Browser browser = loggedIn()) {
      browser.open("/drops.html");
      browser.awaitText(By.id("report"), "monday.csv");
      browser.click(By.cssSelector("a[aria-label='Rejected rows of monday.csv']"));
      assertEquals("Rejected rows of monday.csv", browser.awaitText(By.tagName("h1"), "monday.csv").getText());
      String rows = browser.awaitText(By.id("rejects"), "invalid phone number").getText();
      assertTrue(rows.contains("3 rows: 1 accepted, 2 rejected"), rows);
      assertTrue(rows.contains("3 column 1 (Mobile) 555 invalid phone number"), rows);
      assertTrue(rows.contains("4 column 1 (Mobile) +12025550630 duplicate"), rows);
      browser.screenshot("drop-rejects");
      List<String> csv = browser.fetch(browser.driver().findElement(By.id("rejects-csv")).getAttribute("href")).lines().toList();
      assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"", csv.get(0));
      assertEquals(3, csv.size(), String.join("\n", csv));
      assertEquals("3,\"column 1 (Mobile)\",\"555\",\"invalid phone number\"", csv.get(1));
    }
  }

  @Test
  void theDashboardCountsAMessageWithoutReceiptAsSentNotDelivered() {
    long job = admin.post("/api/v1/jobs", new JsonObject().put("template", "Hi").put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550620")).add(new JsonObject().put("to", "+12025550621")))).json().getLong("id");
    admin.await("/api/v1/jobs/" + job, j -> "completed".equals(j.getString("status")));
    JsonObject before = admin.get("/api/v1/dashboard").json().getJsonObject("today");
    db.execute("UPDATE messages SET state = 'unknown' WHERE recipient = '+12025550621'");
    try (Browser browser = loggedIn()) {
      browser.open("/index.html");
      browser.awaitText(By.cssSelector("[data-stat=unknown]"), "1");
      assertEquals(String.valueOf(before.getLong("sent")), browser.driver().findElement(By.cssSelector("[data-stat=sent]")).getText(),
          "still sent");
      assertEquals(String.valueOf(before.getLong("delivered") - 1),
          browser.driver().findElement(By.cssSelector("[data-stat=delivered]")).getText(), "no longer delivered");
      assertTrue(browser.driver().findElement(By.id("today")).getText().contains("No receipt (unknown)"));
      assertTrue(browser.driver().findElement(By.cssSelector(".legend")).getText().contains("unknown"));
      browser.open("/sent-log.html");
      var badge = browser.awaitText(By.id("report"), "+12025550621").findElement(By.xpath("//span[text()='unknown']"));
      assertTrue(badge.getAttribute("class").contains("warn"), badge.getAttribute("class"));
    }
  }

  @Test
  void aScheduledJobsPageSaysWhenItsFirstTextsGo() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
    Instant startAt = day.atTime(20, 0).toInstant(ZoneOffset.UTC);
    JsonObject daily = new JsonObject();
    for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
      daily.put(d, new JsonArray().add("09:00").add("17:00"));
    }
    Api.Response created = admin.post("/api/v1/jobs", new JsonObject().put("name", "Later").put("template", "Hi")
        .put("startAt", startAt.toString()).put("schedule", daily)
        .put("recipients", new JsonArray().add(new JsonObject().put("to", "+12025550640"))));
    assertEquals(201, created.status(), created.body());
    String first = day.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC).toString();
    assertEquals(first, created.json().getString("firstSendAt"), "after a start past the day's window: the next morning");
    try (Browser browser = loggedIn()) {
      browser.open("/job.html?id=" + created.json().getLong("id"));
      String expected = (String) browser.driver().executeScript("return Herald.time(arguments[0])", first);
      String start = browser.awaitText(By.id("job-start"), "Scheduled").getText();
      assertTrue(start.startsWith("Scheduled: the first texts go on " + expected + " (UTC)"), start);
      assertTrue(start.contains("when its send window opens after the start on"), start);
      assertTrue(browser.driver().findElement(By.id("job")).getText().contains("First send " + expected));
      browser.screenshot("job-scheduled");
    }
  }

  @Test
  void anOptOutEnteredOnThePageIsManual() {
    try (Browser browser = loggedIn()) {
      browser.open("/opt-outs.html");
      type(browser, "oo-address", "+12025550650");
      browser.driver().findElement(By.cssSelector("#oo-address")).submit();
      String list = browser.awaitText(By.id("opt-outs"), "+12025550650").getText();
      assertTrue(list.contains("+12025550650 phone manual " + TestHerald.ADMIN_EMAIL), list);
    }
    assertEquals("manual", db.queryText("SELECT source FROM suppressions WHERE address = '+12025550650'"));
  }

  @Test
  void mergingGroupsNamesBothSaysTheSourceGoesAndAsksFirst() {
    long walkIns = admin.post("/api/v1/groups", new JsonObject().put("name", "Walk-ins")).json().getLong("id");
    long regulars = admin.post("/api/v1/groups", new JsonObject().put("name", "Regulars")).json().getLong("id");
    try (Browser browser = loggedIn()) {
      browser.open("/groups.html");
      browser.awaitText(By.id("groups"), "Regulars");
      new Select(browser.await(By.id("merge-from"))).selectByVisibleText("Walk-ins");
      new Select(browser.driver().findElement(By.id("merge-into"))).selectByVisibleText("Regulars");
      browser.driver().findElement(By.cssSelector("#merge-into")).submit();
      String question = browser.await(By.id("merge-question")).getText();
      assertEquals("Merge \"Walk-ins\" into \"Regulars\"? Its contacts are added to \"Regulars\", and the group \"Walk-ins\""
          + " goes away. Its contacts stay.", question);
      assertEquals(200, admin.get("/api/v1/groups/" + walkIns).status(), "nothing happens before the answer");
      browser.screenshot("groups-merge-confirm");
      browser.driver().findElement(By.id("merge-no")).click();
      assertTrue(browser.driver().findElements(By.id("merge-confirm")).isEmpty());
      browser.driver().findElement(By.cssSelector("#merge-into")).submit();
      assertEquals("Merge and delete \"Walk-ins\"", browser.await(By.id("merge-yes")).getText());
      browser.driver().findElement(By.id("merge-yes")).click();
      browser.awaitText(By.id("main"), "Merged \"Walk-ins\" into \"Regulars\"; \"Walk-ins\" was deleted.");
    }
    assertEquals(404, admin.get("/api/v1/groups/" + walkIns).status());
    assertEquals(200, admin.get("/api/v1/groups/" + regulars).status());
  }

  @Test
  void theFaviconIsAnIconAndEveryPageLinksIt() throws Exception {
    HttpResponse<byte[]> ico = get("/favicon.ico");
    assertEquals(200, ico.statusCode());
    assertTrue(ico.headers().firstValue("Content-Type").orElse("").startsWith("image/"), ico.headers().toString());
    assertEquals(List.of(0, 0, 1, 0), List.of((int) ico.body()[0], (int) ico.body()[1], (int) ico.body()[2], (int) ico.body()[3]),
        "an ICO file");
    HttpResponse<byte[]> svg = get("/favicon.svg");
    assertEquals(200, svg.statusCode());
    assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
    for (String page : List.of("index", "login", "jobs", "job", "drops", "rejects", "drop-settings", "groups", "opt-outs")) {
      String html = new String(get("/" + page + ".html").body(), StandardCharsets.UTF_8);
      assertTrue(html.contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">"), page);
    }
  }

  @Test
  void theDropProfileFormOffersDateFormatsByExampleAndShowsHowValuesRead() {
    try (Browser browser = loggedIn()) {
      browser.open("/drop-settings.html");
      browser.await(By.id("new-profile")).click();
      Select choice = new Select(browser.await(By.id("p-send-at-choice")));
      assertEquals("12/31/2026 2:30 PM", choice.getFirstSelectedOption().getText(), "the default format, by example");
      assertFalse(browser.driver().findElement(By.id("p-send-at-format")).isDisplayed(), "the pattern is hidden until asked for");
      choice.selectByVisibleText("31/12/2026 14:30");
      assertEquals("d/M/yyyy H:mm", browser.driver().findElement(By.id("p-send-at-format")).getAttribute("value"));
      type(browser, "p-send-at-samples", "31/12/2026 14:30\n12/31/2026 2:30 PM");
      String preview = browser.awaitText(By.id("send-at-preview"), "December 2026").getText();
      assertTrue(preview.contains("With d/M/yyyy H:mm, 14 March 2026 9:30 AM is written 14/3/2026 9:30."), preview);
      String reads = preview.lines().filter(l -> l.startsWith("31/12/2026 14:30 ")).findFirst().orElse("");
      assertTrue(reads.contains("Thu") && reads.contains("31 December 2026") && reads.endsWith("14:30"), preview);
      assertTrue(preview.contains("12/31/2026 2:30 PM not a date and time in the format d/M/yyyy H:mm (like 14/3/2026 9:30)"), preview);
      browser.screenshot("drop-settings-date-format");

      choice.selectByVisibleText("Other pattern…");
      assertTrue(browser.driver().findElement(By.id("p-send-at-format")).isDisplayed());
      type(browser, "p-send-at-format", "d MMM yyyy HH:mm");
      type(browser, "p-send-at-samples", "3 Jan 2027 08:15");
      browser.awaitText(By.id("send-at-preview"), "3 January 2027");

      choice.selectByVisibleText("2026-12-31 14:30");
      type(browser, "p-username", "dates");
      type(browser, "p-mobile", "Mobile");
      type(browser, "p-template", "Hello");
      browser.driver().findElement(By.id("save-profile")).click();
      browser.awaitText(By.id("drop-message"), "Profile created: dates.");
    }
    JsonArray profiles = admin.get("/api/v1/drop-profiles").json().getJsonArray("profiles");
    JsonObject saved = profiles.stream().map(o -> (JsonObject) o).filter(p -> "dates".equals(p.getString("username")))
        .findFirst().orElseThrow();
    assertEquals("yyyy-MM-dd HH:mm", saved.getString("sendAtFormat"));
  }
}
