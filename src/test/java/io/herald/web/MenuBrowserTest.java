package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Browser;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/** The grouped menu: one line at 1280 px with every group an operator has, and usable on a phone. */
class MenuBrowserTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void theMenuFitsOneLineAndOpensItsGroupsOnAPhoneToo() {
    try (Browser browser = new Browser(h.herald.httpPort())) {
      browser.driver().manage().window().setSize(new Dimension(1280, 800));
      browser.logIn(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
      browser.open("/index.html");
      List<WebElement> top = browser.await(By.cssSelector("header nav")).findElements(By.cssSelector(":scope > a, :scope > .menu"));
      assertEquals(List.of("Dashboard", "Messaging", "Contacts", "Reports", "Settings", "Operators"),
          top.stream().map(e -> e.getText().replaceAll("[^A-Za-z ]", "").strip()).toList());
      Set<Integer> rows = top.stream().map(e -> e.getLocation().getY()).collect(Collectors.toSet());
      assertEquals(1, rows.size(), "one line at 1280 px: " + rows);
      browser.screenshot("menu-1280");

      browser.driver().manage().window().setSize(new Dimension(390, 844));
      browser.open("/index.html");
      browser.click(By.cssSelector("header nav .menu[data-group=Messaging] button"));
      WebElement inbox = browser.await(By.cssSelector("header nav a[href='inbox.html']"));
      assertTrue(inbox.isDisplayed(), "a group opens on a phone");
      browser.screenshot("menu-phone");
      inbox.click();
      browser.await(By.id("conversations"));
    }
  }
}
