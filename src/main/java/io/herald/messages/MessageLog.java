package io.herald.messages;

import io.herald.api.CsvStream;
import io.herald.contacts.ContactNames;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The message-by-message reports (the Sent Log, a job's per-recipient report): pages as records, or
 * whole CSV downloads through a cursor. One query, with or without a job, so that a job's report
 * is read by the job index rather than by the account's.
 */
public final class MessageLog {
  /** The states a job report's "failed only" keeps: everything that did not go through. */
  public static final List<MessageState> NOT_THROUGH = List.of(MessageState.FAILED, MessageState.UNDELIVERABLE,
      MessageState.EXPIRED, MessageState.SKIPPED, MessageState.CANCELLED);

  /**
   * Which messages: the account's, created in [from, to) when given, of one job when given, and only
   * the ones that did not go through when asked.
   */
  public record Filter(long accountId, Instant from, Instant to, Long jobId, boolean notThrough) {
    public static Filter ofJob(long accountId, long jobId, boolean notThrough) {
      return new Filter(accountId, null, null, jobId, notThrough);
    }
  }

  /** Newest first for pages and the Sent Log; oldest first for a job's report, as it was written. */
  public enum Order { NEWEST_FIRST, OLDEST_FIRST }

  private static final String SELECT = """
      SELECT m.id, m.created_at, p.submitted_at, m.updated_at, m.recipient, %s AS recipient_name, m.state, m.body,
             m.job_id, coalesce(m.error_detail, m.error_code) AS error, m.error_detail
      FROM messages m LEFT JOIN message_parts p ON p.message_id = m.id AND p.seq = 1
      WHERE m.account_id = $1 AND ($2::timestamptz IS NULL OR m.created_at >= $2)
        AND ($3::timestamptz IS NULL OR m.created_at < $3) AND ($4 = false OR %s)"""
      .formatted(ContactNames.orContact("m.recipient_name", "m.account_id", "m.recipient"),
          CountedStates.in("m.state", NOT_THROUGH));

  /** A message of a conversation thread, with what sent it: the kind of its job, or "direct". */
  public record Sent(LoggedMessage message, String source) {}

  private static final String BETWEEN = """
      SELECT m.id, m.created_at, p.submitted_at, m.updated_at, m.recipient, m.recipient_name, m.state, m.body,
             m.job_id, coalesce(m.error_detail, m.error_code) AS error, m.error_detail, coalesce(j.kind, 'direct') AS source
      FROM messages m LEFT JOIN message_parts p ON p.message_id = m.id AND p.seq = 1
        LEFT JOIN jobs j ON j.id = m.job_id
      WHERE m.account_id = $1 AND m.sender = $2 AND m.recipient = $3
      ORDER BY m.id DESC LIMIT $4""";

  private final Pool pool;

  public MessageLog(Pool pool) {
    this.pool = pool;
  }

  public Future<List<LoggedMessage>> page(Filter filter, Order order, int limit, long offset) {
    return pool.preparedQuery(sql(filter, order) + " LIMIT $" + (args(filter).size() + 1) + " OFFSET $"
            + (args(filter).size() + 2))
        .execute(args(filter).addInteger(limit).addLong(offset))
        .map(rows -> {
          List<LoggedMessage> page = new ArrayList<>(rows.size());
          rows.forEach(r -> page.add(message(r)));
          return page;
        });
  }

  /** Every message the filter keeps, as CSV lines the caller words from each one. */
  public Future<Void> csv(Filter filter, Order order, List<String> header, Function<LoggedMessage, List<?>> line,
                          WriteStream<Buffer> out) {
    return CsvStream.write(pool, sql(filter, order), args(filter), header, r -> line.apply(message(r)), out);
  }

  /** The newest texts from the account's sender to this phone, newest first: one side of a conversation. */
  public Future<List<Sent>> between(long accountId, String sender, String phone, int limit) {
    return pool.preparedQuery(BETWEEN).execute(Tuple.of(accountId, sender, phone, limit)).map(rows -> {
      List<Sent> sent = new ArrayList<>(rows.size());
      rows.forEach(r -> sent.add(new Sent(message(r), r.getString("source"))));
      return sent;
    });
  }

  private static String sql(Filter filter, Order order) {
    return SELECT + (filter.jobId() == null ? "" : " AND m.job_id = $5")
        + (order == Order.NEWEST_FIRST ? " ORDER BY m.id DESC" : " ORDER BY m.id");
  }

  private static Tuple args(Filter filter) {
    Tuple args = Tuple.tuple().addLong(filter.accountId()).addOffsetDateTime(utc(filter.from()))
        .addOffsetDateTime(utc(filter.to())).addBoolean(filter.notThrough());
    return filter.jobId() == null ? args : args.addLong(filter.jobId());
  }

  private static LoggedMessage message(Row r) {
    return new LoggedMessage(r.getLong("id"), instant(r.getOffsetDateTime("created_at")),
        instant(r.getOffsetDateTime("submitted_at")), instant(r.getOffsetDateTime("updated_at")),
        r.getString("recipient"), r.getString("recipient_name"), r.getString("state"), r.getString("body"),
        r.getLong("job_id"), r.getString("error"), r.getString("error_detail"));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
