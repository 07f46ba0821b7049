package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a reverse proxy listed in http.trustedProxies, the log-in throttle counts the client the
 * proxy names in X-Forwarded-For, not the proxy: one client's failures do not lock out the rest,
 * and a client cannot hide behind an address it writes into the header itself.
 */
class TrustedProxyTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> new JsonObject()
      .put("http", new JsonObject().put("trustedProxies", "127.0.0.1"))
      .put("logins", new JsonObject().put("maxPerAddress", 3)));

  @Test
  void theThrottleCountsTheClientTheProxyNames() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, dashboard("nobody" + i + "@example.com", "wrong", "203.0.113.5"));
    }
    assertEquals(429, dashboard("nobody9@example.com", "wrong", "203.0.113.5"), "the fourth failure from that client");
    assertEquals(429, dashboard("nobody9@example.com", "wrong", "198.51.100.9, 203.0.113.5"),
        "an address the client put in front of its own does not count");
    assertEquals(200, dashboard(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD, "203.0.113.6"),
        "another client behind the same proxy logs in");
  }

  private static int dashboard(String email, String password, String forwardedFor) throws Exception {
    String basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.herald.httpPort() + "/api/v1/dashboard"))
        .header("Authorization", "Basic " + basic).header("X-Forwarded-For", forwardedFor).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
