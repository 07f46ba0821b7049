package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The API reference page in headless Chromium: Swagger UI, served by Herald itself, renders the
 * OpenAPI document under the page's Content-Security-Policy, and nothing is fetched from elsewhere.
 */
class ApiReferenceBrowserTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  /** Before any of the page's scripts: records what it asks for, and what the CSP refused. */
  private static final String WATCH = """
      window.__requests = []; window.__violations = [];
      document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
      const fetch0 = window.fetch;
      window.fetch = function (input, init) {
        window.__requests.push(String(input && input.url ? input.url : input));
        return fetch0.apply(this, arguments);
      };
      const open0 = XMLHttpRequest.prototype.open;
      XMLHttpRequest.prototype.open = function (method, url) {
        window.__requests.push(String(url));
        return open0.apply(this, arguments);
      };
      """;

  @Test
  void theReferenceShowsEveryOperationFromHeraldItself() {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.click(By.cssSelector(".menu[data-group='Settings'] button"));
      browser.click(By.linkText("API reference"));
      WebElement send = browser.await(By.xpath("//div[contains(@class,'opblock-post')]"
          + "[.//*[@data-path='/api/v1/messages']]"));
      assertTrue(send.getText().contains("Send one text"), send.getText());
      browser.awaitText(By.id("swagger-ui"), "Herald API");
      send.findElement(By.cssSelector(".opblock-summary")).click();
      browser.awaitText(By.cssSelector(".opblock-post.is-open"), "+12025550143"); // the request body's example
      browser.screenshot("api-reference");
      // "Try it out" sends with the page's session and its CSRF token
      browser.click(By.cssSelector(".opblock-post.is-open .try-out__btn"));
      browser.click(By.cssSelector(".opblock-post.is-open .execute"));
      browser.awaitText(By.cssSelector(".opblock-post.is-open .live-responses-table"), "202");
      h.awaitTexts(List.of("+12025550143"), 1);
      assertEquals(List.of("Your appointment is tomorrow at 10:00"), h.textsTo("+12025550143"));
      onlyHeraldItself(browser);
      // the list is drawn as it scrolls into view; a link to an operation opens it
      browser.open("/index.html");
      browser.open("/api-reference.html#/Jobs/getJob");
      browser.awaitText(By.xpath("//div[contains(@class,'opblock-get') and contains(@class,'is-open')]"
          + "[.//*[@data-path='/api/v1/jobs/{id}']]"), "x-herald-role");
      onlyHeraldItself(browser);
    }
  }

  /** What this page fetched (files, the document, "Try it out") came from Herald, and its CSP refused nothing. */
  @SuppressWarnings("unchecked")
  private static void onlyHeraldItself(Browser browser) {
    String origin = "http://127.0.0.1:" + h.herald.httpPort();
    List<String> resources = (List<String>) browser.driver().executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name).concat(window.__requests)");
    assertTrue(resources.stream().anyMatch(r -> r.contains("/vendor/swagger-ui/swagger-ui-bundle.js")), resources.toString());
    assertTrue(resources.stream().anyMatch(r -> r.contains("/api/v1/openapi.json")), resources.toString());
    List<String> elsewhere = resources.stream()
        .filter(r -> !r.startsWith(origin + "/") && !r.startsWith("/") && !r.startsWith("data:")).toList();
    assertEquals(List.of(), elsewhere, "every request goes to Herald itself");
    assertEquals(List.of(), browser.driver().executeScript("return window.__violations"),
        "the page's Content-Security-Policy refuses nothing it needs");
  }

  @Test
  void onlySwaggerUisOwnFilesAreServed() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + h.herald.httpPort() + "/vendor/swagger-ui/";
    var css = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "swagger-ui.css")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), css.headers().toString());
    var demo = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "index.html")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(404, demo.statusCode(), "the WebJar's demo page, which loads an example from elsewhere, is not served");
  }
}
