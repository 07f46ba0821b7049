package io.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.Api;
import io.herald.testing.TcpProxy;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database goes away while texts are in flight: /health says so, and nothing is lost. */
class DatabaseOutageTest {
  @Test
  void workResumesWhenTheDatabaseReturns() {
    try (TestDatabase db = TestDatabase.create()) {
      URI direct = URI.create(db.url().replace("postgresql://", "http://"));
      try (TcpProxy proxy = new TcpProxy(direct.getPort())) {
        String viaProxy = db.url().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/");
        JsonObject overrides = TestHerald.withSimulator(500).put("db", new JsonObject().put("url", viaProxy))
            .put("dispatch", new JsonObject().put("leaseSeconds", 5).put("pollMillis", 50));
        Herald herald = TestHerald.start(TestHerald.config(db, overrides));
        try {
          Api api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
          Api anonymous = new Api(herald.httpPort(), null, null);
          anonymous.await("/health", h -> h.getString("status").equals("up"));
          List<Long> ids = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            ids.add(api.post("/api/v1/messages", new JsonObject().put("to", "+1202555" + (1100 + i)).put("body", "text " + i))
                .json().getLong("id"));
          }
          // receipts come 500 ms after each submit: cut while they are on their way
          proxy.cut();
          JsonObject health = anonymous.await("/health", h -> h.getString("db").equals("down"));
          assertEquals("down", health.getString("status"));
          assertEquals(503, anonymous.get("/health").status());
          Api.sleep(1500);
          proxy.restore();
          anonymous.await("/health", h -> h.getString("status").equals("up"));
          for (long id : ids) {
            api.await("/api/v1/messages/" + id, m -> m.getString("status").equals("delivered"));
          }
          assertEquals(20, db.queryLong("SELECT count(*) FROM messages WHERE state = 'delivered'"));
          assertEquals(0, db.queryLong("SELECT count(*) FROM receipts_unmatched"));
        } finally {
          TestHerald.stop(herald);
        }
      }
    }
  }
}
