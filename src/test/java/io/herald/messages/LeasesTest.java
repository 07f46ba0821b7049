package io.herald.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.store.Database;
import io.herald.testing.Await;
import io.herald.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims are leases: renewed while a message is on its way, returned to the queue when they run out. */
class LeasesTest {
  static TestDatabase db;
  static Vertx vertx;
  static Pool pool;
  static MessageStore store;
  static Claims claims;
  static MessageViews views;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    Database database = new Database(db.url());
    Await.result(database.migrate(vertx));
    pool = database.pool(vertx, 4);
    store = new MessageStore(pool);
    claims = new Claims(pool);
    views = new MessageViews(pool);
    db.execute("INSERT INTO accounts (id, name) VALUES (1, 'Clinic')");
    db.execute("INSERT INTO jobs (id, account_id, kind) VALUES (1, 1, 'api')");
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aRenewedLeaseStaysAndAnExpiredOneReturnsToTheQueueWithItsReason() throws Exception {
    List<Long> ids = Await.result(store.insert(pool, List.of(
        new NewMessage(1, null, "conversation", "Herald", "+12025550171", "one", "GSM7", 1),
        new NewMessage(1, null, "conversation", "Herald", "+12025550172", "two", "GSM7", 1))));
    // the rows are due from the database's now(), in microseconds: a millisecond later, they surely are
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    assertEquals(2, Await.result(claims.claim("conversation", List.of(new Quota(null, 1, 2)), now, 1)).size());

    assertEquals(1, Await.result(claims.renewLeases(List.of(ids.get(0)), now, 60)));
    assertEquals(1L, Await.result(claims.recoverLeases(now.plusSeconds(5))));

    JsonObject renewed = Await.result(views.find(1, ids.get(0))).orElseThrow();
    assertEquals("sending", renewed.getString("status"));
    JsonObject returned = Await.result(views.find(1, ids.get(1))).orElseThrow();
    assertEquals("queued", returned.getString("status"));
    assertEquals(List.of("queued", "queued"), returned.getJsonArray("events").stream()
        .map(e -> ((JsonObject) e).getString("status")).toList());
    assertEquals("lease expired: returned to the queue",
        returned.getJsonArray("events").getJsonObject(1).getString("detail"));
  }

  @Test
  void aJobsCountsAddUpAcrossTheConnectionsThatChangedItsMessages() throws Exception {
    // queued here on a connection of its own, claimed on the pool's: each adds to its backend's slot
    db.execute("""
        INSERT INTO messages (account_id, job_id, sender, recipient, body, encoding, segments)
        SELECT 1, 1, 'Herald', '+1202555018' || i, 'hello', 'GSM7', 1 FROM generate_series(1, 3) i""");
    db.queueInsertedMessages();
    Await.result(claims.claim("bulk", List.of(new Quota(1L, 1, 2)), Instant.now(), 60));
    JsonObject counts = Await.result(new io.herald.jobs.JobStore(pool).find(1, 1)).orElseThrow().getJsonObject("counts");
    assertEquals(1, counts.getLong("queued"));
    assertEquals(2, counts.getLong("sending"));
    assertEquals(1, Await.result(new io.herald.jobs.JobStore(pool).activeUnits()).stream()
        .filter(u -> u.jobId() != null && u.jobId() == 1).findFirst().orElseThrow().queued());
  }

}
