package io.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through its chromedriver, with a fresh profile each time. */
public final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  public Browser(int port) {
    try {
      profile = Files.createTempDirectory("herald-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    base = "http://127.0.0.1:" + port;
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement await(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Clicks the element once it is there, looking it up again if the page redraws it meanwhile. */
  public void click(By by) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> {
          d.findElement(by).click();
          return true;
        });
  }

  /** Waits until the element's text contains the given text, and returns the element. */
  public WebElement awaitText(By by, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(45)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  public void logIn(String email, String password) {
    open("/login.html");
    await(By.id("email")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("submit")).click();
    await(By.id("logout"));
  }

  /** Saves the page as target/screenshots/NAME.png. */
  public void screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GETs a path from inside the page (with its session cookie) and returns the body. */
  public String fetch(String path) {
    Object text = driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'})"
            + ".then(r => r.text()).then(done, e => done('ERROR ' + e));", path);
    return String.valueOf(text);
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }

  /** The whole page, however long, at the window's width. */
  public void fullScreenshot(String name) {
    org.openqa.selenium.Dimension window = driver.manage().window().getSize();
    long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), (int) Math.min(4000, height + 140)));
    screenshot(name);
    driver.manage().window().setSize(window);
  }

  /** Sets a date-time input as a person picking the date would (typing into one depends on the locale). */
  public void setValue(String id, String value) {
    driver.executeScript("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
  }

  /** Fails when the page shows an empty value as null or a missing one as undefined. */
  public void assertNoEmptyValues() {
    String text = await(org.openqa.selenium.By.tagName("main")).getText();
    org.junit.jupiter.api.Assertions.assertFalse(text.contains("null"), "no empty value is shown as null: " + text);
    org.junit.jupiter.api.Assertions.assertFalse(text.contains("undefined"), "no missing value is shown as undefined: " + text);
  }
}
