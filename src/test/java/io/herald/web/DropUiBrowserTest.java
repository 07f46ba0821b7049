package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Browser;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Drop &amp; Go in headless Chromium: a profile made in the form, a file checked, sent and reported. */
class DropUiBrowserTest {
  static final String CSV = """
      Mobile,First,Date
      +12025550801,Ada,3/14
      +12025550802,Bob,3/15
      not a number,Cy,3/16
      """;
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static Herald herald;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withPeer(smsc, 20, 2000)));
    HttpResponse<String> on = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + herald.httpPort() + "/api/v1/accounts/1"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (TestHerald.OPERATOR_EMAIL + ":" + TestHerald.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"dropAndGo\": true}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, on.statusCode(), on.body());
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  @Test
  void anAdminSetsUpDropAndGoChecksAFileSendsItAndSeesTheReports() throws Exception {
    Path file = Files.createTempDirectory("herald-drop-ui").resolve("patients.csv");
    Files.writeString(file, CSV);
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/drop-settings.html");
      browser.await(By.id("new-profile")).click();
      type(browser, "p-name", "Front desk");
      type(browser, "p-username", "clinic");
      type(browser, "p-template", "Hi ~first~, see you on ~appt~");
      browser.driver().findElement(By.id("custom-fields-add")).click();
      type(browser, "cf-column-0", "First");
      type(browser, "cf-label-0", "first");
      type(browser, "cf-contact-0", "firstName");
      browser.driver().findElement(By.id("custom-fields-add")).click();
      type(browser, "cf-column-1", "Date");
      type(browser, "cf-label-1", "appt");

      // the mobile number column is left out: the server's reason shows next to the form
      browser.driver().findElement(By.id("save-profile")).click();
      assertTrue(browser.await(By.id("profile-error")).getText().startsWith("mobileColumn is required: the column with each recipient's mobile number"));
      assertEquals("true", browser.driver().findElement(By.id("p-mobile")).getAttribute("aria-invalid"));
      assertEquals("p-mobile", browser.driver().switchTo().activeElement().getAttribute("id"));
      show(browser, "p-mobile");
      browser.screenshot("drop-settings-error");

      type(browser, "p-mobile", "Mobile");
      browser.driver().findElement(By.id("save-profile")).click();
      browser.awaitText(By.id("drop-message"), "Profile created: clinic.");
      assertTrue(browser.await(By.id("ftp-password")).getText().length() >= 8);
      String profiles = browser.awaitText(By.id("profiles"), "Front desk").getText();
      assertTrue(profiles.contains("ftp://clinic@127.0.0.1:" + herald.dropFtpPort() + "/"), profiles);
      assertTrue(profiles.contains("enabled"), profiles);
      browser.screenshot("drop-settings");

      browser.await(By.id("up-file")).sendKeys(file.toString());
      browser.driver().findElement(By.id("dry-run")).click();
      String dryRun = browser.awaitText(By.id("dry-run-result"), "nothing was sent").getText();
      assertTrue(dryRun.contains("3 rows: 2 would be sent, 1 rejected"), dryRun);
      assertTrue(dryRun.contains("Hi Ada, see you on 3/14 GSM7 1"), dryRun);
      assertTrue(dryRun.contains("Hi Bob, see you on 3/15 GSM7 1"), dryRun);
      assertTrue(dryRun.contains("not a number invalid phone number"), dryRun);
      assertTrue(smsc.submits().isEmpty(), "a dry run sends nothing");
      show(browser, "dry-run-result");
      browser.screenshot("drop-dry-run");

      browser.driver().findElement(By.id("send-file")).click();
      browser.awaitText(By.id("sent-result"), "patients.csv: 2 texts queued, 1 rows rejected.");
      show(browser, "sent-result");
      browser.screenshot("drop-sent");
      browser.click(By.id("sent-job-link"));
      browser.awaitText(By.id("job-status"), "completed");
      browser.awaitText(By.id("verdict"), "All 2 messages went through");
      browser.screenshot("drop-job");

      String report = browser.fetch(browser.driver().findElement(By.id("report")).getAttribute("href"));
      List<String> lines = report.lines().toList();
      assertEquals("\"Full Name\",\"Phone Number\",\"SMS Status\",\"Error Details\",\"Message Text\",\"Timestamp\"", lines.get(0));
      assertEquals(3, lines.size(), report);
      assertTrue(report.contains("\"+12025550801\",\"delivered\",,\"Hi Ada, see you on 3/14\","), report);
      assertTrue(report.contains("\"+12025550802\",\"delivered\",,\"Hi Bob, see you on 3/15\","), report);

      browser.open("/drops.html");
      String summary = browser.awaitText(By.id("report"), "patients.csv").getText();
      assertTrue(summary.contains("patients.csv Front desk 3 2 1 0 2 2 0 completed"), summary);
      browser.screenshot("drops");

      browser.click(By.cssSelector("a[aria-label='Messages of patients.csv']"));
      browser.await(By.id("file-filter"));
      String log = browser.awaitText(By.id("report"), "Hi Ada, see you on 3/14").getText();
      assertTrue(log.contains("+12025550802 (Bob) delivered Hi Bob, see you on 3/15 patients.csv"), log);
      browser.screenshot("sent-log");
      String csv = browser.fetch(browser.driver().findElement(By.id("csv")).getAttribute("href"));
      assertEquals("\"Time\",\"To\",\"Status\",\"Text\",\"File\",\"Error\"", csv.lines().findFirst().orElse(""));
      assertEquals(3, csv.lines().count(), csv);
    }
  }

  /** Scrolls the element to the top of the window for the screenshot. */
  @Test
  void aProfileThatLoadsAppointmentsAsksForTheirColumnsAndLoadsAFile() throws Exception {
    Path file = Files.createTempDirectory("herald-drop-ui").resolve("visits.csv");
    Files.writeString(file, "Visit,Owner,Cell,Pet,Day,At\nV1,Hal Berg,2025550181,Pogo,12/22/2027,8:30 AM\n"
        + "V2,Ida Chu,2025550182,Zed,12/22/2027,\n");
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/drop-settings.html");
      browser.await(By.id("new-profile")).click();
      type(browser, "p-username", "visits");
      new org.openqa.selenium.support.ui.Select(browser.await(By.id("p-purpose"))).selectByValue("appointments");
      assertTrue(!browser.driver().findElement(By.id("p-template")).isDisplayed(), "a profile that sends nothing has no template");
      type(browser, "p-mobile", "Cell");
      type(browser, "ap-clientName", "Owner");
      type(browser, "ap-patient", "Pet");
      type(browser, "ap-date", "Day");
      type(browser, "ap-time", "At");
      browser.driver().findElement(By.id("save-profile")).click();
      assertTrue(browser.await(By.id("profile-error")).getText().contains("appointmentColumns needs Appointment ID"),
          browser.await(By.id("profile-error")).getText());
      type(browser, "ap-externalId", "Visit");
      browser.driver().findElement(By.id("save-profile")).click();
      browser.awaitText(By.id("drop-message"), "Profile created: visits.");
      browser.awaitText(By.id("profiles"), "loads appointments");

      new org.openqa.selenium.support.ui.Select(browser.await(By.id("up-profile"))).selectByVisibleText("visits (visits)");
      browser.await(By.id("up-file")).sendKeys(file.toString());
      browser.awaitText(By.id("dry-run"), "Load appointments").click();
      String loaded = browser.awaitText(By.id("sent-result"), "visits.csv: 1 appointment loaded, 1 rows rejected.").getText();
      assertTrue(loaded.contains("has no time: give the appointment's time too"), loaded);
      show(browser, "sent-result");
      browser.screenshot("drop-appointments");
    }
    assertEquals("Hal Berg", db.queryText("SELECT client_name FROM appointments WHERE external_id = 'V1'"));
    assertTrue(smsc.submits().isEmpty() || db.queryLong("SELECT count(*) FROM messages m JOIN jobs j ON j.id = m.job_id"
        + " WHERE j.name = 'visits.csv'") == 0, "loading appointments sends nothing");
  }

  private static void show(Browser browser, String id) {
    browser.driver().executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
  }

  private static void type(Browser browser, String id, String text) {
    var input = browser.await(By.id(id));
    input.clear();
    input.sendKeys(text);
  }
}
