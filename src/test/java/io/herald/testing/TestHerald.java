package io.herald.testing;

import io.herald.Herald;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Starts a whole Herald in this JVM on a test database, with loopback ports picked at random. */
public final class TestHerald {
  public static final String ADMIN_EMAIL = "admin@test.example";
  public static final String ADMIN_PASSWORD = "correct horse battery staple";
  public static final String OPERATOR_EMAIL = "operator@test.example";
  public static final String OPERATOR_PASSWORD = "operator password";

  private TestHerald() {}

  /** Config: HTTP on a free port, the test database, a known admin, and whatever {@code overrides} set. */
  public static HeraldConfig config(TestDatabase db, JsonObject overrides) {
    JsonObject json = new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("db", new JsonObject().put("url", db.url()).put("poolSize", 4))
        .put("admin", new JsonObject().put("email", ADMIN_EMAIL).put("password", ADMIN_PASSWORD))
        .put("operator", new JsonObject().put("email", OPERATOR_EMAIL).put("password", OPERATOR_PASSWORD))
        .put("dispatch", new JsonObject().put("pollMillis", 50).put("retryMinMillis", 200))
        .put("drop", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("passivePorts", "0")
            .put("directory", tempDirectory("herald-drops").toString()));
    json.mergeIn(overrides, true);
    try {
      Path file = Files.createTempFile("herald-test", ".json");
      Files.writeString(file, json.encodePrettily());
      file.toFile().deleteOnExit();
      return ConfigLoader.load(file, Map.of(), new Properties());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Overrides that run the built-in simulator on a free port and connect to it. */
  public static JsonObject withSimulator(long receiptDelayMillis) {
    int port = freePort();
    return new JsonObject()
        .put("simulator", new JsonObject().put("enabled", true).put("port", port)
            .put("receiptDelayMillis", receiptDelayMillis))
        .put("smsc", new JsonArray().add(new JsonObject().put("name", "simulator").put("port", port)
            .put("systemId", "herald").put("password", "herald").put("window", 10).put("tps", 1000)
            .put("reconnectMinMillis", 100).put("reconnectMaxMillis", 1000)));
  }

  /** Overrides that connect Herald to a test SMSC as the connection "carrier" (system_id carrier, password pw). */
  public static JsonObject withPeer(CloudhopperSmsc smsc, int window, int tps) {
    return new JsonObject().put("smsc", new JsonArray().add(new JsonObject().put("name", "carrier")
        .put("port", smsc.port()).put("systemId", "carrier").put("password", "pw").put("window", window).put("tps", tps)));
  }

  /** Starts Herald and waits until /health says it is up (database reachable, every SMSC bound). */
  public static Herald startUp(HeraldConfig config) {
    Herald herald = start(config);
    new Api(herald.httpPort(), null, null).await("/health", h -> h.getString("status").equals("up"));
    return herald;
  }

  public static Herald start(HeraldConfig config) {
    return start(config, java.time.Clock.systemUTC());
  }

  public static Herald start(HeraldConfig config, java.time.Clock clock) {
    try {
      return Herald.start(config, clock).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Herald did not start: " + e.getMessage(), e);
    }
  }

  public static void stop(Herald herald) {
    if (herald == null) {
      return;
    }
    try {
      herald.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Herald did not stop: " + e.getMessage(), e);
    }
  }

  private static Path tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
