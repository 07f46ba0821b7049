package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The Senders page in headless Chromium, as an account admin uses it. */
class SendersBrowserTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void anAdminAddsANumberMakesItTheDefaultAndIsToldWhyANameIsRefused() {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/senders.html");
      browser.await(By.id("senders"));
      browser.await(By.id("s-address")).sendKeys("+12025550140");
      browser.click(By.cssSelector("#new-sender button[type=submit]"));
      browser.awaitText(By.id("main"), "Sender +12025550140 added (long code).");
      browser.await(By.xpath("//tr[td[1][text()='+12025550140']]//button[text()='Make default']")).click();
      browser.awaitText(By.id("main"), "+12025550140 is the default sender now.");
      JsonObject number = h.admin.get("/api/v1/senders").json().getJsonArray("senders").stream()
          .map(s -> (JsonObject) s).filter(s -> s.getString("address").equals("+12025550140")).findFirst().orElseThrow();
      assertTrue(number.getBoolean("default"));

      browser.await(By.id("s-address")).sendKeys("Clinic Name Too Long");
      browser.click(By.cssSelector("#new-sender button[type=submit]"));
      browser.awaitText(By.id("main"), "an alphanumeric sender is 1 to 11 letters");
      browser.screenshot("senders");
      assertEquals(2, h.admin.get("/api/v1/senders").json().getJsonArray("senders").size(), "nothing else was added");
    }
  }
}
