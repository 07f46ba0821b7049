package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Browser;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The import wizard in Chromium, clicked through with the defaults a user leaves. */
class ImportWizardBrowserTest {
  static TestDatabase db;
  static Herald herald;
  static Api admin;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.startUp(TestHerald.config(db, new JsonObject()));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  @Test
  void heraldsOwnExportImportsAgainWithTheWizardsDefaults() throws Exception {
    for (String phone : new String[] {"+12025550811", "+12025550812"}) {
      assertEquals(201, admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Exported")
          .put("phone", phone)).status());
    }
    String export = admin.get("/api/v1/contacts/export?format=csv").body();
    assertTrue(export.contains("Phone status"), export);
    Path file = Files.createTempFile("contacts-export", ".csv");
    Files.writeString(file, export);
    assertEquals(204, admin.send("DELETE", "/api/v1/contacts/" + admin.get("/api/v1/contacts?q=0811").json()
        .getJsonArray("contacts").getJsonObject(0).getLong("id"), null).status());

    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/import.html");
      browser.await(By.id("file")).sendKeys(file.toString());
      browser.click(By.cssSelector("#stage button[type=submit]"));
      // columns Herald does not know (Id, Phone status, Created, ...) stay on "Do not import"
      Select status = new Select(browser.await(By.cssSelector("select[aria-label='Field for column Phone status']")));
      assertEquals("Do not import", status.getFirstSelectedOption().getText());
      browser.click(By.cssSelector("#stage button[type=submit]"));
      new Select(browser.await(By.id("group-mode"))).selectByValue("none");
      browser.click(By.cssSelector("#stage button[type=submit]"));
      browser.click(By.id("run-import"));
      browser.awaitText(By.id("import-result"), "Created 1, updated 1, rejected 0.");
    }
    JsonArray contacts = admin.get("/api/v1/contacts").json().getJsonArray("contacts");
    assertEquals(2, contacts.size());
  }

  @Test
  void aFileOfAppointmentsIsImportedFromTheAlertsPage() throws Exception {
    Path file = Files.createTempFile("appointments", ".csv");
    Files.writeString(file, "Appt ID,Client,Phone,Pet,Date,Time\r\n"
        + "W1,Wes Tan,2025550161,Nala,12/14/2027,9:00 AM\r\n"
        + "W2,Wes Tan,2025550161,Leo,12/14/2027,9:30 AM\r\n"
        + "W3,Xia Li,2025550162,Oz,12/14/2027,noon\r\n");
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/alerts.html");
      browser.click(By.id("import-appointments"));
      browser.awaitText(By.tagName("h1"), "Import appointments");
      assertEquals("Appointments (for mass text alerts)",
          new Select(browser.await(By.id("import-target"))).getFirstSelectedOption().getText());
      browser.await(By.id("file")).sendKeys(file.toString());
      browser.click(By.cssSelector("#stage button[type=submit]"));
      Select id = new Select(browser.await(By.cssSelector("select[aria-label='Field for column Appt ID']")));
      assertEquals("Appointment ID", id.getFirstSelectedOption().getText());
      assertEquals("Patient", new Select(browser.await(By.cssSelector("select[aria-label='Field for column Pet']")))
          .getFirstSelectedOption().getText());
      browser.click(By.cssSelector("#stage button[type=submit]"));
      // no group stage: appointments are not contacts' groups
      browser.click(By.id("run-import"));
      browser.awaitText(By.id("import-result"), "Created 2 appointments, updated 0, rejected 1.");
      assertTrue(browser.await(By.id("import-result")).getText().contains("'noon' is not a time like 09:30 or 9:30 AM"),
          browser.await(By.id("import-result")).getText());
      browser.fullScreenshot("import-appointments");
    }
    assertEquals(2, db.queryLong("SELECT count(*) FROM appointments WHERE client_name = 'Wes Tan'"));
  }
}
