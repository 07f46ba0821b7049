package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The API keys page in headless Chromium: a key made, copied from the page, used, and revoked. */
class ApiKeysBrowserTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void anAdminMakesAKeyUsesItAndRevokesIt() throws Exception {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.open("/api-keys.html");
      browser.awaitText(By.id("keys"), "No keys yet.");
      browser.await(By.id("k-name")).sendKeys("Booking system");
      browser.click(By.cssSelector("#make-key button[type=submit]"));
      String key = browser.await(By.id("key-value")).getText();
      assertTrue(key.startsWith("hk_"), key);
      assertEquals(200, get(key, "/api/v1/jobs"), "the key from the page works");
      browser.awaitText(By.id("keys"), "Booking system");
      browser.screenshot("api-keys");
      browser.click(By.xpath("//tr[td[1][text()='Booking system']]//button[text()='Revoke']"));
      browser.driver().switchTo().alert().accept();
      browser.awaitText(By.id("main"), "Key for Booking system revoked.");
      assertEquals(401, get(key, "/api/v1/jobs"));
      assertEquals(1, h.admin.get("/api/v1/api-keys").json().getJsonArray("keys").getJsonObject(0)
          .getBoolean("revoked") ? 1 : 0);
    }
  }

  private static int get(String key, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.herald.httpPort() + path))
        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
