package io.herald.testing;

import io.herald.Herald;
import io.herald.smsc.encoding.TextDecoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's whole Herald, as a JUnit 5 extension: a fresh migrated database, a cloudhopper
 * SMSC peer Herald binds to, the daemon itself, and API clients for the first account's admin, the
 * operator and nobody. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final HeraldHarness h = HeraldHarness.withConfig(() -> overrides);}</pre>
 *
 * Everything starts before the class's own {@code @BeforeAll} methods and stops after its last test.
 * Subclasses (a package's fixture) add their seed data in {@link #ready()}, through the API.
 */
public class HeraldHarness implements BeforeAllCallback, AfterAllCallback {
  public TestDatabase db;
  public CloudhopperSmsc smsc;
  public Herald herald;
  public Api admin;
  public Api operator;
  public Api anonymous;
  private final Callable<JsonObject> overrides;
  private io.herald.config.HeraldConfig config;
  private final java.time.Clock clock;

  /** @param overrides config on top of the test defaults, read when the class starts */
  protected HeraldHarness(Callable<JsonObject> overrides) {
    this(overrides, java.time.Clock.systemUTC());
  }

  private HeraldHarness(Callable<JsonObject> overrides, java.time.Clock clock) {
    this.overrides = overrides;
    this.clock = clock;
  }

  /**
   * Herald on a clock that reads {@code now} when the class starts and runs on from there: what is
   * due, alert ranges, "in the past" and send times all follow it, so a test can be on a chosen day.
   */
  public static HeraldHarness at(java.time.Instant now, Callable<JsonObject> overrides) {
    return new HeraldHarness(overrides, java.time.Clock.offset(java.time.Clock.systemUTC(),
        java.time.Duration.between(java.time.Instant.now(), now)));
  }

  public static HeraldHarness withConfig(Callable<JsonObject> overrides) {
    return new HeraldHarness(overrides);
  }

  public static HeraldHarness withDefaults() {
    return new HeraldHarness(JsonObject::new);
  }

  @Override
  public final void beforeAll(ExtensionContext context) throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    JsonObject config = new JsonObject().put("smsc", new JsonArray().add(new JsonObject()
        .put("name", "carrier").put("port", smsc.port()).put("systemId", "carrier").put("password", "pw")
        .put("window", 50).put("tps", 5000)));
    config.mergeIn(overrides.call(), true);
    this.config = TestHerald.config(db, config);
    herald = TestHerald.start(this.config, clock);
    clients();
    ready();
  }

  /** Stops Herald and starts it again on the same database and config, as an operator's restart does. */
  public void restart() {
    TestHerald.stop(herald);
    herald = TestHerald.start(config, clock);
    clients();
  }

  private void clients() {
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    anonymous = new Api(herald.httpPort(), null, null);
    anonymous.await("/health", h -> "up".equals(h.getString("status")));
  }

  /** Now on Herald's clock. */
  public java.time.Instant now() {
    return clock.instant();
  }

  /** Runs once Herald is up and bound; the place for a fixture's seed data. */
  protected void ready() throws Exception {}

  @Override
  public final void afterAll(ExtensionContext context) {
    try {
      TestHerald.stop(herald);
    } finally {
      if (smsc != null) {
        smsc.close();
      }
      if (db != null) {
        db.close();
      }
    }
  }

  /** The texts the SMSC peer received for this destination (E.164). */
  public List<String> textsTo(String e164) {
    String digits = e164.substring(1);
    return smsc.submits().stream().filter(s -> s.destination().equals(digits))
        .map(s -> TextDecoder.decode(s.shortMessage(), s.dataCoding())).toList();
  }

  /** Waits until the SMSC peer has received this many submits for these numbers in all. */
  public void awaitTexts(List<String> numbers, long atLeast) {
    Await.until("the SMSC to get " + atLeast + " texts for " + numbers, Duration.ofSeconds(60),
        () -> numbers.stream().mapToLong(x -> textsTo(x).size()).sum() >= atLeast);
  }
}
