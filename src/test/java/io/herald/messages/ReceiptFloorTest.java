package io.herald.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.Await;
import io.herald.testing.HeraldHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Receipts are looked for from the month before this one on, and under any older text still
 * waiting for its receipt: a text queued months before it went finds its receipt at once, not
 * through the held receipts' sweep.
 */
class ReceiptFloorTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @BeforeAll
  static void longAgo() {
    h.smsc.receiptDelayMillis(2_000); // well after the outcome is written: nothing is held for a race
    // as on a database partitioned long ago: the month before holds no ids of older months
    h.db.execute("CREATE OR REPLACE FUNCTION message_id_floor(month date) RETURNS bigint IMMUTABLE LANGUAGE sql AS "
        + "$$ SELECT message_id_block(month) $$");
  }

  @Test
  void aTextQueuedMonthsBeforeItWentFindsItsReceipt() {
    h.db.execute("INSERT INTO jobs (account_id, kind, lane, sender, status, started_at) "
        + "VALUES (1, 'api', 'bulk', 'Herald', 'running', now())");
    long job = h.db.queryLong("SELECT max(id) FROM jobs");
    // one text with an id of three months ago (as a job scheduled that long ahead has), one of this month
    h.db.execute("INSERT INTO messages (id, account_id, job_id, lane, sender, recipient, body, encoding, segments) VALUES "
        + "(message_id_block((now() - interval '3 months')::date) + 7, 1, " + job
        + ", 'bulk', 'Herald', '+12025550601', 'Your check-up is due', 'GSM7', 1)");
    h.db.execute("INSERT INTO messages (account_id, job_id, lane, sender, recipient, body, encoding, segments) VALUES "
        + "(1, " + job + ", 'bulk', 'Herald', '+12025550602', 'Your check-up is due', 'GSM7', 1)");
    h.db.queueInsertedMessages();

    Await.until("both texts delivered",
        () -> h.db.queryLong("SELECT count(*) FROM messages WHERE job_id = " + job + " AND state = 'delivered'") == 2);
    String metrics = h.anonymous.get("/metrics").body();
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
