package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Await;
import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The Accounts page in headless Chromium, as an operator uses it with the defaults left alone. */
class AccountsBrowserTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void anOperatorAddsAnAccountTurnsAProductOnAndDisablesIt() {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
      browser.open("/accounts.html");
      browser.awaitText(By.id("accounts"), "Default");
      browser.await(By.id("a-name")).sendKeys("Westside School");
      browser.click(By.cssSelector("#new-account button[type=submit]"));
      browser.awaitText(By.id("accounts"), "Westside School");
      JsonObject made = account("Westside School");
      assertEquals("US", made.getString("region"), "the region the form starts with");
      assertFalse(made.getBoolean("alerts"));

      browser.click(By.cssSelector("input[aria-label='Alerts for Westside School']"));
      Await.until("alerts on for Westside School", () -> account("Westside School").getBoolean("alerts"));

      browser.await(By.xpath("//tr[td[1][text()='Westside School']]//button[text()='Disable']")).click();
      browser.driver().switchTo().alert().accept();
      browser.await(By.xpath("//tr[td[1][text()='Westside School']]//button[text()='Enable']"));
      assertTrue(account("Westside School").getBoolean("disabled"));
      browser.screenshot("accounts");
      browser.click(By.cssSelector("header nav .menu[data-group=Operators] button"));
      assertTrue(browser.await(By.cssSelector("header nav a[href='accounts.html']")).isDisplayed(),
          "Operators > Accounts in the menu");
    }
    try (Browser admin = new Browser(h.herald.httpPort())) {
      admin.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      admin.await(By.cssSelector("header nav"));
      assertTrue(admin.driver().findElements(By.cssSelector("header nav a[href='accounts.html']")).isEmpty(),
          "operators only");
      admin.open("/accounts.html");
      assertEquals("You do not have access to this page.", admin.await(By.id("forbidden")).getText());
    }
  }

  private static JsonObject account(String name) {
    return h.operator.get("/api/v1/accounts").json().getJsonArray("accounts").stream()
        .map(a -> (JsonObject) a).filter(a -> a.getString("name").equals(name)).findFirst().orElseThrow();
  }
}
