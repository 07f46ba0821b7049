package io.herald.bench;

import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The daemon's config for a benchmark: a fresh database, loopback HTTP, one SMSC connection. */
final class BenchSetup {
  static final String EMAIL = "bench@example.com";
  static final String PASSWORD = "bench";

  private BenchSetup() {}

  static JsonObject config(TestDatabase db, int httpPort, CloudhopperSmsc smsc, int window, int tps) {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort))
        .put("db", new JsonObject().put("url", db.url()).put("poolSize", 8))
        .put("admin", new JsonObject().put("email", EMAIL).put("password", PASSWORD))
          .put("drop", new JsonObject().put("enabled", false)) // no FTP site: several daemons may run at once
        .put("dispatch", new JsonObject().put("batchSize", 1000))
        .put("smsc", new JsonArray().add(new JsonObject().put("name", "peer").put("port", smsc.port())
            .put("systemId", "carrier").put("password", "pw").put("window", window).put("tps", tps)));
  }

  /** Queues n bulk messages as one running job straight in the database (as a drop file would). */
  static long queueBulkJob(TestDatabase db, int n) {
    db.execute("INSERT INTO jobs (account_id, kind, lane, sender, status, started_at) VALUES (1, 'api', 'bulk', 'Herald', 'running', now())");
    long job = db.queryLong("SELECT max(id) FROM jobs");
    db.execute("INSERT INTO messages (account_id, job_id, lane, sender, recipient, body, encoding, segments) "
        + "SELECT 1, " + job + ", 'bulk', 'Herald', '+1' || (2025550000::bigint + g % 9000 + (g / 9000) * 10000000)::text, "
        + "'Bulk message ' || g, 'GSM7', 1 FROM generate_series(1, " + n + ") g");
    db.queueInsertedMessages();
    return job;
  }

  static int freePort() {
    return TestHerald.freePort();
  }
}
