package io.herald.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receipts are looked for from the month before this one on, and under any older text still
 * waiting for its receipt: a text queued months before it went finds its receipt at once, not
 * through the held receipts' sweep.
 */
class ReceiptFloorTest {
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static Herald herald;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(2_000); // well after the outcome is written: nothing is held for a race
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withPeer(smsc, 10, 1000)));
    // as on a database partitioned long ago: the month before holds no ids of older months
    db.execute("CREATE OR REPLACE FUNCTION message_id_floor(month date) RETURNS bigint IMMUTABLE LANGUAGE sql AS "
        + "$$ SELECT message_id_block(month) $$");
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  @Test
  void aTextQueuedMonthsBeforeItWentFindsItsReceipt() {
    db.execute("INSERT INTO jobs (account_id, kind, lane, sender, status, started_at) "
        + "VALUES (1, 'api', 'bulk', 'Herald', 'running', now())");
    long job = db.queryLong("SELECT max(id) FROM jobs");
    // one text with an id of three months ago (as a job scheduled that long ahead has), one of this month
    db.execute("INSERT INTO messages (id, account_id, job_id, lane, sender, recipient, body, encoding, segments) VALUES "
        + "(message_id_block((now() - interval '3 months')::date) + 7, 1, " + job
        + ", 'bulk', 'Herald', '+12025550601', 'Your check-up is due', 'GSM7', 1)");
    db.execute("INSERT INTO messages (account_id, job_id, lane, sender, recipient, body, encoding, segments) VALUES "
        + "(1, " + job + ", 'bulk', 'Herald', '+12025550602', 'Your check-up is due', 'GSM7', 1)");
    db.queueInsertedMessages();

    Await.until("both texts delivered",
        () -> db.queryLong("SELECT count(*) FROM messages WHERE job_id = " + job + " AND state = 'delivered'") == 2);
    String metrics = new Api(herald.httpPort(), null, null).get("/metrics").body();
    assertEquals(2.0, receipts(metrics, "true"), metrics);
    assertEquals(0.0, receipts(metrics, "false"), "no receipt waited among the held ones");
  }

  private static double receipts(String metrics, String matched) {
    return metrics.lines()
        .filter(l -> l.startsWith("herald_receipts_total{") && l.contains("matched=\"" + matched + "\"")
            && l.contains("smsc=\"carrier\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
