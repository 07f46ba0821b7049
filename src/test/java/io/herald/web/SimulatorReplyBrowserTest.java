package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Browser;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An operator tries a STOP reply from the SMSC page of a Herald running its built-in simulator. */
class SimulatorReplyBrowserTest {
  static TestDatabase db;
  static Herald herald;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withSimulator(10)));
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    db.close();
  }

  @Test
  void anOperatorSendsStopFromTheSmscPageAndSeesTheOptOut() {
    Api admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    long id = admin.post("/api/v1/messages", new JsonObject().put("to", "+12025550150").put("body", "Flu shots Friday"))
        .json().getLong("id");
    admin.await("/api/v1/messages/" + id, m -> m.getString("status").equals("delivered"));
    try (Browser browser = new Browser(herald.httpPort())) {
      browser.logIn(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
      browser.open("/smsc.html");
      WebElement form = browser.await(By.id("sim-reply"));
      assertEquals("Send a reply from the simulator", form.findElement(By.tagName("h2")).getText());

      browser.await(By.id("sim-from")).sendKeys("555");
      browser.driver().findElement(By.id("sim-text")).sendKeys("STOP");
      browser.click(By.cssSelector("#sim-reply button[type=submit]"));
      browser.awaitText(By.id("sim-result"), "from must be a valid phone number, e.g. +12025550143");

      WebElement from = browser.driver().findElement(By.id("sim-from"));
      from.clear();
      from.sendKeys("+12025550150");
      browser.click(By.cssSelector("#sim-reply button[type=submit]"));
      browser.awaitText(By.id("sim-result"), "Sent \"STOP\" from +12025550150 to Herald (GSM7, 1 part).");
      browser.screenshot("smsc-simulator-reply");

      browser.open("/opt-outs.html");
      browser.awaitText(By.id("opt-outs"), "+12025550150");
      browser.screenshot("opt-outs-after-simulator-stop");
    }
  }
}
