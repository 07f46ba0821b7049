package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps messages, their parts and their events for as long as their accounts keep them, at start
 * and every hour. The tables have one partition a month (migration V25): this month's and the
 * next are made ahead and the id sequence moves to this month's block; a month that every
 * account's retention has passed is dropped whole; an account that keeps less than the longest
 * has its older texts deleted in batches. A text still queued (scheduled ahead) is never removed.
 * The partitioned tables are analyzed as a whole at start and once a day.
 */
public final class MessageRetention extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);
  private static final long EVERY_MILLIS = Duration.ofHours(1).toMillis();
  /** Ids of the first minutes of a month can sit in the month before: a month goes a day after its time. */
  private static final Duration MONTH_SLACK = Duration.ofDays(1);
  private static final int DELETE_BATCH = 5_000;
  /** Serialises partition changes between nodes; DDL waits this long for the tables at most, then tries next hour. */
  private static final long LOCK_KEY = 0x4845524c4450L;
  private static final Pattern MONTH = Pattern.compile("messages_(\\d{4})_(\\d{2})");

  private static final String ENSURE = "SELECT message_partitions_ensure($1::date), message_partitions_ensure($2::date)";
  /** Once its partitions exist, the month's texts take ids from its block. */
  private static final String ADVANCE = """
      SELECT setval('messages_id_seq', message_id_block($1::date), false)
      FROM messages_id_seq WHERE last_value < message_id_block($1::date)""";
  private static final String PARTITIONS = """
      SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'messages'::regclass ORDER BY c.relname""";
  /**
   * Autovacuum analyzes each month's tables but never the partitioned tables as a whole, whose
   * statistics the planner uses for joins across months (PostgreSQL leaves that to the owner). It
   * samples every month again, so it runs at start and then once a day, not every hour.
   */
  private static final String ANALYZE = "ANALYZE messages, message_parts, message_events";
  private static final Duration ANALYZE_EVERY = Duration.ofDays(1);
  private static final String LONGEST = "SELECT coalesce(max(retention_days), 400) FROM accounts";
  private static final String SHORTER = "SELECT id, retention_days FROM accounts WHERE retention_days < $1 ORDER BY id";
  private static final String STILL_QUEUED = """
      SELECT count(*) FROM message_queue WHERE message_id >= message_id_floor($1::date) AND message_id < message_id_block($2::date)""";
  private static final String FORGET_WAITS = """
      DELETE FROM receipt_waits WHERE message_id >= message_id_floor($1::date) AND message_id < message_id_block($2::date)""";
  /** One batch of an account's texts older than its retention, with everything kept about them. */
  private static final String DELETE_OLDER = """
      WITH doomed AS (
        SELECT m.id FROM messages m
        WHERE m.account_id = $1 AND m.id < message_id_block($2::date) AND m.created_at < $3
          AND NOT EXISTS (SELECT 1 FROM message_queue q WHERE q.message_id = m.id)
        ORDER BY m.id LIMIT $4),
      w AS (DELETE FROM receipt_waits WHERE message_id IN (SELECT id FROM doomed)),
      p AS (DELETE FROM message_parts WHERE message_id IN (SELECT id FROM doomed)),
      e AS (DELETE FROM message_events WHERE message_id IN (SELECT id FROM doomed))
      DELETE FROM messages WHERE id IN (SELECT id FROM doomed)""";

  private final Pool pool;
  private final Clock clock;
  private boolean running;
  private Instant analyzed;
  private long timer;

  public MessageRetention(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(EVERY_MILLIS, EVERY_MILLIS, t -> run());
    // Herald is ready once this month's partitions exist; what is past its time goes meanwhile
    return partitionsAhead(clock.instant()).onSuccess(v -> run());
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
    partitionsAhead(now).compose(v -> removePast(now)).compose(v -> analyze(now)).onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        log.warn("message retention: {}", ar.cause().toString());
      }
    });
  }

  private Future<Void> analyze(Instant now) {
    if (analyzed != null && analyzed.plus(ANALYZE_EVERY).isAfter(now)) {
      return Future.succeededFuture();
    }
    return pool.query(ANALYZE).execute().onSuccess(v -> analyzed = now).mapEmpty();
  }

  private Future<Void> removePast(Instant now) {
    return pool.query(LONGEST).execute()
        .compose(rows -> {
          int longest = rows.iterator().next().getInteger(0);
          return dropMonthsPast(now, longest).compose(v -> deleteShorter(now, longest));
        });
  }

  private Future<Void> partitionsAhead(Instant now) {
    LocalDate month = YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1);
    Tuple months = Tuple.of(month, month.plusMonths(1));
    return ddl(tx -> tx.preparedQuery(ENSURE).execute(months)
        .compose(v -> tx.preparedQuery(ADVANCE).execute(Tuple.of(month))).mapEmpty());
  }

  /** Months every account's retention has passed, oldest first, dropped whole with what waits on them. */
  private Future<Void> dropMonthsPast(Instant now, int longestDays) {
    Instant cutoff = now.minus(Duration.ofDays(longestDays)).minus(MONTH_SLACK);
    YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    return pool.query(PARTITIONS).execute().compose(rows -> {
      List<YearMonth> past = new ArrayList<>();
      for (Row r : rows) {
        Matcher m = MONTH.matcher(r.getString(0));
        if (m.matches()) {
          YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
          Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
          if (month.isBefore(current) && !end.isAfter(cutoff)) {
            past.add(month);
          }
        }
      }
      Future<Void> chain = Future.succeededFuture();
      for (YearMonth month : past) {
        chain = chain.compose(v -> drop(month, longestDays));
      }
      return chain;
    });
  }

  private Future<Void> drop(YearMonth month, int longestDays) {
    LocalDate first = month.atDay(1);
    Tuple range = Tuple.of(first, first.plusMonths(1));
    String suffix = "%04d_%02d".formatted(month.getYear(), month.getMonthValue());
    return ddl(tx -> tx.preparedQuery(STILL_QUEUED).execute(range).compose(rows -> {
      long queued = rows.iterator().next().getLong(0);
      if (queued > 0) {
        log.warn("the texts of {} are past every account's retention ({} days) but {} of them are still queued: kept",
            month, longestDays, queued);
        return Future.succeededFuture();
      }
      return tx.preparedQuery(FORGET_WAITS).execute(range)
          .compose(v -> tx.query("DROP TABLE messages_%1$s, message_parts_%1$s, message_events_%1$s".formatted(suffix))
              .execute())
          .onSuccess(v -> log.info("dropped the texts of {}: past every account's retention ({} days)", month,
              longestDays))
          .mapEmpty();
    }));
  }

  /** Accounts that keep less than the longest: their older texts go row by row, a batch at a time. */
  private Future<Void> deleteShorter(Instant now, int longestDays) {
    return pool.preparedQuery(SHORTER).execute(Tuple.of(longestDays)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        long account = r.getLong("id");
        int days = r.getInteger("retention_days");
        chain = chain.compose(v -> deleteOlder(account, days, now.minus(Duration.ofDays(days)), 0));
      }
      return chain;
    });
  }

  private Future<Void> deleteOlder(long account, int days, Instant cutoff, long deleted) {
    LocalDate after = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC)).plusMonths(1).atDay(1);
    return pool.preparedQuery(DELETE_OLDER)
        .execute(Tuple.of(account, after, cutoff.atOffset(ZoneOffset.UTC), DELETE_BATCH))
        .compose(rows -> {
          long total = deleted + rows.rowCount();
          if (rows.rowCount() == DELETE_BATCH) {
            return deleteOlder(account, days, cutoff, total);
          }
          if (total > 0) {
            log.info("deleted {} texts of account {}: older than its retention of {} days", total, account, days);
          }
          return Future.succeededFuture();
        });
  }

  /** A change of partitions: one node at a time, and never waiting long for a table the hot path holds. */
  private Future<Void> ddl(Function<SqlClient, Future<Void>> change) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
        .compose(v -> tx.query("SET LOCAL lock_timeout = '5s'").execute())
        .compose(v -> change.apply(tx)));
  }
}
