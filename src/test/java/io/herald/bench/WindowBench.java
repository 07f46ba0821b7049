package io.herald.bench;

import io.herald.Herald;
import io.herald.jobs.JobEvents;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * submit_sm/s through the built-in simulator for several window sizes: N messages are queued in
 * bulk, dispatch is woken, and the clock runs until every one is submitted. Run by scripts/bench.
 */
public final class WindowBench {
  private WindowBench() {}

  public static void main(String[] args) {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int[] windows = {1, 10, 100};
    System.out.println("| window | messages | seconds | submit_sm/s |");
    System.out.println("|---:|---:|---:|---:|");
    for (int window : windows) {
      double seconds = run(window, messages);
      System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.0f |%n", window, messages, seconds, messages / seconds);
    }
    System.exit(0);
  }

  static double run(int window, int messages) {
    try (TestDatabase db = TestDatabase.create()) {
      JsonObject overrides = TestHerald.withSimulator(1000);
      overrides.getJsonArray("smsc").getJsonObject(0).put("window", window).put("tps", 100_000);
      overrides.put("db", new JsonObject().put("poolSize", 8))
          .put("dispatch", new JsonObject().put("batchSize", 1000).put("pollMillis", 50));
      Herald herald = TestHerald.start(TestHerald.config(db, overrides));
      try {
        awaitBound(herald);
        db.execute("INSERT INTO messages (account_id, lane, sender, recipient, body, encoding, segments, not_before) "
            + "SELECT 1, 'bulk', 'Herald', '+1202555' || lpad((1000 + g % 8000)::text, 4, '0'), 'Benchmark text number ' || g, "
            + "'GSM7', 1, now() + interval '1 hour' FROM generate_series(1, " + messages + ") g");
        db.execute("UPDATE messages SET not_before = now()");
        db.queueInsertedMessages();
        long started = System.nanoTime();
        herald.vertx().eventBus().publish(JobEvents.CHANGED, new io.vertx.core.json.JsonObject());
        while (db.queryLong("SELECT count(*) FROM messages WHERE state IN ('queued', 'sending')") > 0) {
          Thread.sleep(20);
        }
        return (System.nanoTime() - started) / 1e9;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        TestHerald.stop(herald);
      }
    }
  }

  private static void awaitBound(Herald herald) throws InterruptedException {
    while (!herald.smscs().all().get(0).canSubmit()) {
      Thread.sleep(20);
    }
  }
}
