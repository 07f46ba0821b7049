package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Await;
import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.Seed;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The Inbox page in headless Chromium: a thread opened and answered, and replies arriving while it is open. */
class InboxBrowserTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void anAdminAnswersAReplyAndSeesNewOnesArriveWithoutAReload() throws Exception {
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550100")).status());
    assertEquals(201, h.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550143")
        .put("firstName", "Mia").put("lastName", "Wong")).status());
    reply("12025550143", "Can I come at 3 instead?");
    Await.until("the conversation", () -> h.admin.get("/api/v1/conversations").json().getLong("unread") == 1);
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
      browser.awaitText(By.id("unread"), "1");
      browser.open("/inbox.html");
      browser.awaitText(By.id("conversations"), "Mia Wong · +12025550143");
      browser.click(By.cssSelector("button.thread[data-phone='+12025550143']"));
      browser.awaitText(By.id("messages"), "Can I come at 3 instead?");
      browser.await(By.id("reply-text")).sendKeys("Yes, 3 pm is fine");
      browser.click(By.cssSelector("#reply button[type=submit]"));
      browser.awaitText(By.id("messages"), "Yes, 3 pm is fine");
      h.awaitTexts(List.of("+12025550143"), 1);
      assertEquals(List.of("Yes, 3 pm is fine"), h.textsTo("+12025550143"));

      reply("12025550143", "Great, thanks!"); // while the page is open
      browser.awaitText(By.id("messages"), "Great, thanks!");
      reply("12025550177", "Is the clinic open on Saturday?");
      browser.awaitText(By.id("conversations"), "+12025550177");
      browser.screenshot("inbox");
      browser.click(By.id("close-reopen"));
      Await.until("the conversation closed", () -> h.admin.get("/api/v1/conversations?state=closed").json()
          .getJsonArray("conversations").size() == 1);
      browser.awaitText(By.id("close-reopen"), "Reopen"); // the page redraws the button when the state changes
    }
  }

  @Test
  void anOperatorReadsTheInboxOfTheAccountItPicks() throws Exception {
    Seed.Account school = Seed.account(h.herald.httpPort(), "School", null, null, "head@school.example", "+12025550300");
    assertEquals(0, h.smsc.sendMo("12025550188", "12025550300", "Is school open tomorrow?"
        .getBytes(StandardCharsets.ISO_8859_1), 0, 0, Map.of()).get());
    Await.until("the school's conversation", () -> school.admin().get("/api/v1/conversations").json()
        .getJsonArray("conversations").size() == 1);
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.logIn(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
      browser.open("/inbox.html");
      browser.await(By.id("conversations"));
      new Select(browser.await(By.id("account-picker"))).selectByVisibleText("School");
      browser.awaitText(By.id("conversations"), "+12025550188");
      browser.click(By.cssSelector("button.thread[data-phone='+12025550188']"));
      browser.awaitText(By.id("messages"), "Is school open tomorrow?");
      new Select(browser.await(By.id("account-picker"))).selectByVisibleText("Default");
      browser.await(By.id("conversations"));
      Await.sleep(500);
      assertTrue(!browser.await(By.id("conversations")).getText().contains("+12025550188"),
          "another account's inbox does not show it");
    }
  }

  private static void reply(String from, String text) throws Exception {
    assertEquals(0, h.smsc.sendMo(from, "12025550100", text.getBytes(StandardCharsets.ISO_8859_1), 0, 0, Map.of()).get());
  }
}
