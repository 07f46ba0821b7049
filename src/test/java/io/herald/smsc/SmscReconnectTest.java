package io.herald.smsc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A thousand failed binds in a row leave no threads behind. A soak: scripts/bench soak runs it. */
@org.junit.jupiter.api.Tag("soak")
class SmscReconnectTest {
  private static final Pattern FAILURES = Pattern.compile("herald_smsc_bind_failures_total\\{smsc=\"simulator\"} ([0-9.E]+)");

  @Test
  void aThousandRefusedBindsLeakNoThreads() {
    try (TestDatabase db = TestDatabase.create()) {
      JsonObject overrides = TestHerald.withSimulator(100);
      overrides.getJsonArray("smsc").getJsonObject(0).put("password", "wrong")
          .put("reconnectMinMillis", 10).put("reconnectMaxMillis", 10).put("responseTimeoutMillis", 2000);
      Herald herald = TestHerald.start(TestHerald.config(db, overrides));
      try {
        Api metrics = new Api(herald.httpPort(), null, null);
        awaitFailures(metrics, 50);
        int threadsAfterWarmUp = Thread.activeCount();
        awaitFailures(metrics, 1050);
        int threadsAfter = Thread.activeCount();
        assertTrue(threadsAfter <= threadsAfterWarmUp + 10,
            "threads grew from " + threadsAfterWarmUp + " to " + threadsAfter + " over 1,000 failed binds");
      } finally {
        TestHerald.stop(herald);
      }
    }
  }

  private static void awaitFailures(Api metrics, double atLeast) {
    Await.until(atLeast + " bind failures", Duration.ofMinutes(2), () -> {
      Matcher m = FAILURES.matcher(metrics.get("/metrics").body());
      return m.find() && Double.parseDouble(m.group(1)) >= atLeast;
    });
  }
}
