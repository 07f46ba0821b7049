package io.herald.inbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox keeps what it holds for the account's retention, as the texts sent are kept
 * ({@code messages.MessageRetention}): replies older than it, the records of staff replies and
 * keyword answers, and conversations whose last text is older, go every hour (and after start).
 * A reply no account has is kept for the longest retention of any account.
 */
public final class ReplyRetention extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ReplyRetention.class);
  private static final long EVERY_MILLIS = Duration.ofHours(1).toMillis();
  private static final int DELETE_BATCH = 5_000;
  private static final String ACCOUNTS = "SELECT id, retention_days FROM accounts ORDER BY id";
  private static final String LONGEST = "SELECT coalesce(max(retention_days), 400) FROM accounts";
  private static final String REPLIES = """
      DELETE FROM inbound_messages WHERE id IN (
        SELECT id FROM inbound_messages WHERE account_id = $1 AND received_at < $2 ORDER BY received_at LIMIT $3)""";
  private static final String UNROUTED = """
      DELETE FROM inbound_messages WHERE id IN (
        SELECT id FROM inbound_messages WHERE account_id IS NULL AND received_at < $1 ORDER BY received_at LIMIT $2)""";
  /** A conversation whose newest text is past the retention has no text left: it goes with its records. */
  private static final String RECORDS = """
      WITH staff AS (
        DELETE FROM conversation_replies r USING conversations c
        WHERE c.id = r.conversation_id AND c.account_id = $1 AND r.sent_at < $2),
      answers AS (DELETE FROM reply_confirmations WHERE account_id = $1 AND created_at < $2)
      DELETE FROM conversations WHERE account_id = $1 AND last_message_at < $2""";

  private final Pool pool;
  private final Clock clock;
  private boolean running;
  private long timer;

  public ReplyRetention(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(EVERY_MILLIS, EVERY_MILLIS, t -> run());
    run();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void run() {
    if (running) {
      return;
    }
    running = true;
    Instant now = clock.instant();
    pool.query(ACCOUNTS).execute()
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            long account = r.getLong("id");
            OffsetDateTime cutoff = cutoff(now, r.getInteger("retention_days"));
            chain = chain.compose(v -> deleted(REPLIES, Tuple.of(account, cutoff, DELETE_BATCH), 0))
                .compose(n -> pool.preparedQuery(RECORDS).execute(Tuple.of(account, cutoff)).map(gone -> {
                  if (n > 0 || gone.rowCount() > 0) {
                    log.info("deleted {} replies and {} conversations of account {}: older than its retention of {} days",
                        n, gone.rowCount(), account, r.getInteger("retention_days"));
                  }
                  return null;
                }));
          }
          return chain;
        })
        .compose(v -> pool.query(LONGEST).execute())
        .compose(rows -> {
          int days = rows.iterator().next().getInteger(0);
          return deleted(UNROUTED, Tuple.of(cutoff(now, days), DELETE_BATCH), 0).onSuccess(n -> {
            if (n > 0) {
              log.info("deleted {} replies no account had: older than the longest retention of {} days", n, days);
            }
          });
        })
        .onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            log.warn("reply retention: {}", ar.cause().toString());
          }
        });
  }

  private static OffsetDateTime cutoff(Instant now, int days) {
    return now.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC);
  }

  /** Runs a batch delete until a batch comes back short; answers how many rows went. */
  private Future<Long> deleted(String sql, Tuple args, long before) {
    return pool.preparedQuery(sql).execute(args).compose(rows -> rows.rowCount() == DELETE_BATCH
        ? deleted(sql, args, before + rows.rowCount())
        : Future.succeededFuture(before + rows.rowCount()));
  }
}
