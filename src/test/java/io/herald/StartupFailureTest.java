package io.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an operator sees when the database or the SMSC is not there. */
class StartupFailureTest {
  @Test
  void anUnreachableDatabaseStopsStartWithOneLineNamingIt() {
    try (TestDatabase db = TestDatabase.create()) {
      int closed = TestHerald.freePort();
      var config = TestHerald.config(db, new JsonObject().put("db", new JsonObject()
          .put("url", "postgresql://postgres@127.0.0.1:" + closed + "/herald")));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> Herald.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      String message = e.getCause().getMessage();
      assertTrue(message.startsWith("cannot use the database postgresql://postgres@127.0.0.1:" + closed + "/herald: "), message);
      assertTrue(message.contains("refused"), message);
    }
  }

  @Test
  void aRefusedBindShowsOnHealthAndHeraldKeepsTrying() {
    try (TestDatabase db = TestDatabase.create()) {
      JsonObject overrides = TestHerald.withSimulator(100);
      overrides.getJsonArray("smsc").getJsonObject(0).put("password", "wrong");
      Herald herald = TestHerald.start(TestHerald.config(db, overrides));
      try {
        Api anonymous = new Api(herald.httpPort(), null, null);
        JsonObject health = anonymous.await("/health",
            h -> h.getJsonObject("smsc").getString("simulator").contains("bind refused"));
        assertEquals("down", health.getString("status"));
        assertEquals("up", health.getString("db"));
        assertEquals("down: bind refused: 0x0000000E ESME_RINVPASWD", health.getJsonObject("smsc").getString("simulator"));
        assertEquals(503, anonymous.get("/health").status());
        // a text sent meanwhile waits in the queue rather than failing
        Api api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
        long id = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550143").put("body", "hi")).json().getLong("id");
        Api.sleep(300);
        assertEquals("queued", api.get("/api/v1/messages/" + id).json().getString("status"));
      } finally {
        TestHerald.stop(herald);
      }
    }
  }
}
