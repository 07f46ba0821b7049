package io.herald.drop;

import io.herald.api.Csv;
import io.herald.api.CsvStream;
import io.herald.errors.Refusal;
import io.herald.messages.CountedStates;
import io.herald.messages.LoggedMessage;
import io.herald.messages.MessageLog;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Drop &amp; Go Summary (one line per file received), each file's rejected rows, and the Sent
 * Log (one line per message), as JSON pages or as whole CSV downloads read through a cursor.
 */
public final class DropReports {
  static final List<String> SUMMARY_COLUMNS = List.of("Received", "File", "Profile", "Rows", "Accepted", "Rejected",
      "Queued", "Sent", "Delivered", "Failed", "Status", "Reason");
  static final List<String> SENT_LOG_COLUMNS = List.of("Time", "To", "Status", "Text", "File", "Error");

  private static final String SUMMARY = """
      SELECT f.id, f.received_at, f.finished_at, f.name, f.profile_id, f.profile_name, f.source, f.status, f.reason,
             f.rows, f.accepted, f.rejected, f.job_id, f.duplicate_of, j.status AS job_status,
             coalesce(sum(c.n) FILTER (WHERE %s), 0) AS queued,
             coalesce(sum(c.n) FILTER (WHERE %s), 0) AS sent,
             coalesce(sum(c.n) FILTER (WHERE %s), 0) AS delivered,
             coalesce(sum(c.n) FILTER (WHERE %s), 0) AS failed,
             coalesce(sum(c.n) FILTER (WHERE c.state = 'cancelled'), 0) AS cancelled
      FROM drop_files f LEFT JOIN jobs j ON j.id = f.job_id LEFT JOIN job_counts c ON c.job_id = f.job_id
      WHERE f.account_id = $1 AND ($2::timestamptz IS NULL OR f.received_at >= $2)
        AND ($3::timestamptz IS NULL OR f.received_at < $3)
      GROUP BY f.id, j.status
      ORDER BY f.id DESC LIMIT $4 OFFSET $5""".formatted(CountedStates.in("c.state", CountedStates.WAITING),
      CountedStates.in("c.state", CountedStates.SENT), CountedStates.in("c.state", CountedStates.DELIVERED),
      CountedStates.in("c.state", CountedStates.FAILED));

  private static final String REJECTS = """
      SELECT row_no, col, value, reason FROM drop_file_rejects WHERE file_id = $1
      ORDER BY row_no, seq LIMIT $2 OFFSET $3""";

  /** A drop file's job and name, to name the file each message of the Sent Log came from. */
  private static final String FILES_OF_JOBS = """
      SELECT id, name, job_id FROM drop_files WHERE account_id = $1 AND job_id IS NOT NULL
        AND ($2::bigint[] IS NULL OR job_id = ANY($2))""";

  private final Pool pool;
  private final MessageLog log;

  public DropReports(Pool pool) {
    this.pool = pool;
    this.log = new MessageLog(pool);
  }

  /** The range from the report's from / to parameters, dates read in the account's time zone. */
  public Future<ReportRange> range(long accountId, String from, String to) {
    return pool.preparedQuery("SELECT time_zone FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Refusal.notFound("account"));
          }
          try {
            return Future.succeededFuture(ReportRange.parse(from, to, ZoneId.of(rows.iterator().next().getString(0))));
          } catch (Refusal e) {
            return Future.failedFuture(e);
          }
        });
  }

  /** Newest first, a page of limit lines after offset. */
  public Future<JsonArray> summary(long accountId, ReportRange range, int limit, long offset) {
    return pool.preparedQuery(SUMMARY).execute(summaryArgs(accountId, range, limit, offset)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(summaryJson(r)));
      return list;
    });
  }

  public Future<Void> summaryCsv(long accountId, ReportRange range, WriteStream<Buffer> out) {
    return CsvStream.write(pool, SUMMARY, summaryArgs(accountId, range, Integer.MAX_VALUE, 0), SUMMARY_COLUMNS, r -> {
      JsonObject f = summaryJson(r);
      return List.of(f.getString("receivedAt"), f.getString("name"), f.getString("profile"), f.getLong("rows"),
          f.getLong("accepted"), f.getLong("rejected"), f.getLong("queued"), f.getLong("sent"), f.getLong("delivered"),
          f.getLong("failed"), f.getString("status"), f.getString("reason") == null ? "" : f.getString("reason"));
    }, out);
  }

  /** Newest first, a page of limit lines after offset; fileId keeps the messages of one drop file. */
  public Future<JsonArray> sentLog(long accountId, ReportRange range, Long fileId, int limit, long offset) {
    return sentLogFilter(accountId, range, fileId).compose(filter -> filter.isEmpty()
        ? Future.succeededFuture(new JsonArray())
        : log.page(filter.get(), MessageLog.Order.NEWEST_FIRST, limit, offset).compose(page -> filesOf(accountId,
            page.stream().map(LoggedMessage::jobId).filter(Objects::nonNull).distinct().toArray(Long[]::new))
            .map(files -> {
              JsonArray list = new JsonArray();
              page.forEach(m -> list.add(sentLogJson(m, m.jobId() == null ? null : files.get(m.jobId()))));
              return list;
            })));
  }

  /** Every line of the Sent Log in the range, newest first. */
  public Future<Void> sentLogCsv(long accountId, ReportRange range, Long fileId, WriteStream<Buffer> out) {
    return sentLogFilter(accountId, range, fileId).compose(filter -> {
      if (filter.isEmpty()) {
        out.write(Buffer.buffer(Csv.line(SENT_LOG_COLUMNS)));
        return Future.succeededFuture();
      }
      return filesOf(accountId, null).compose(files -> log.csv(filter.get(), MessageLog.Order.NEWEST_FIRST,
          SENT_LOG_COLUMNS, m -> {
            JsonObject line = sentLogJson(m, m.jobId() == null ? null : files.get(m.jobId()));
            return Arrays.asList(line.getString("time"), line.getString("to"), line.getString("status"),
                line.getString("text"), line.getString("file"), line.getString("error"));
          }, out));
    });
  }

  /** The account's messages in the range, or one drop file's (none when the file never became a job). */
  private Future<Optional<MessageLog.Filter>> sentLogFilter(long accountId, ReportRange range, Long fileId) {
    if (fileId == null) {
      return Future.succeededFuture(Optional.of(new MessageLog.Filter(accountId, instant(range.fromUtc()),
          instant(range.toUtc()), null, false)));
    }
    return pool.preparedQuery("SELECT job_id FROM drop_files WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(fileId, accountId))
        .map(rows -> {
          Long job = rows.size() == 0 ? null : rows.iterator().next().getLong(0);
          return job == null ? Optional.empty() : Optional.of(new MessageLog.Filter(accountId,
              instant(range.fromUtc()), instant(range.toUtc()), job, false));
        });
  }

  /** The account's drop files by the job each became: these jobs', or all of them when jobIds is null. */
  private Future<Map<Long, SentFrom>> filesOf(long accountId, Long[] jobIds) {
    if (jobIds != null && jobIds.length == 0) {
      return Future.succeededFuture(new HashMap<>());
    }
    return pool.preparedQuery(FILES_OF_JOBS).execute(Tuple.tuple().addLong(accountId).addValue(jobIds))
        .map(rows -> {
          Map<Long, SentFrom> files = new HashMap<>();
          rows.forEach(r -> files.put(r.getLong("job_id"), new SentFrom(r.getLong("id"), r.getString("name"))));
          return files;
        });
  }

  private record SentFrom(long id, String name) {}

  /** A file of the account as the summary names it; 404 when the account has no such file. */
  public Future<JsonObject> file(long accountId, long fileId) {
    return pool.preparedQuery("SELECT id, name, status, reason, rows, accepted, rejected FROM drop_files"
            + " WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(fileId, accountId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("drop file"))
            : Future.succeededFuture(fileJson(rows.iterator().next())));
  }

  /** The file and a page of its rejected rows, in the order of the file: row, column, value, reason. */
  public Future<JsonObject> rejects(long accountId, long fileId, int limit, long offset) {
    return file(accountId, fileId).compose(file -> pool.preparedQuery(REJECTS).execute(Tuple.of(fileId, limit, offset))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(new JsonObject().put("row", r.getLong("row_no")).put("column", r.getString("col"))
              .put("value", r.getString("value")).put("reason", r.getString("reason"))));
          return file.put("rejects", list);
        }));
  }

  /** All the rejected rows of a file (found with {@link #file}) as the result file has them. */
  public Future<Void> rejectsCsv(long fileId, WriteStream<Buffer> out) {
    return CsvStream.write(pool, REJECTS, Tuple.of(fileId, Integer.MAX_VALUE, 0L), ResultFile.HEADER,
        r -> Arrays.asList(r.getLong("row_no"), r.getString("col"), r.getString("value"), r.getString("reason")), out);
  }

  private static JsonObject fileJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
        .put("status", r.getString("status")).put("reason", r.getString("reason")).put("rows", r.getLong("rows"))
        .put("accepted", r.getLong("accepted")).put("rejected", r.getLong("rejected"));
  }

  private static Tuple summaryArgs(long accountId, ReportRange range, int limit, long offset) {
    return Tuple.tuple().addLong(accountId).addOffsetDateTime(range.fromUtc()).addOffsetDateTime(range.toUtc())
        .addInteger(limit).addLong(offset);
  }

  /** What the customer sees as the file's status: the job's once the file became one. */
  static String status(String fileStatus, String jobStatus) {
    if (!"processed".equals(fileStatus) || jobStatus == null) {
      return fileStatus;
    }
    return switch (jobStatus) {
      case "running" -> "sending";
      case "scheduled" -> "scheduled";
      default -> jobStatus;
    };
  }

  private static JsonObject summaryJson(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("receivedAt", text(instant(r.getOffsetDateTime("received_at"))))
        .put("finishedAt", text(instant(r.getOffsetDateTime("finished_at"))))
        .put("name", r.getString("name"))
        .put("profileId", r.getLong("profile_id"))
        .put("profile", r.getString("profile_name"))
        .put("source", r.getString("source"))
        .put("rows", r.getLong("rows"))
        .put("accepted", r.getLong("accepted"))
        .put("rejected", r.getLong("rejected"))
        .put("queued", r.getLong("queued"))
        .put("sent", r.getLong("sent"))
        .put("delivered", r.getLong("delivered"))
        .put("failed", r.getLong("failed"))
        .put("cancelled", r.getLong("cancelled"))
        .put("status", status(r.getString("status"), r.getString("job_status")))
        .put("fileStatus", r.getString("status"))
        .put("reason", r.getString("reason"))
        .put("jobId", r.getLong("job_id"))
        .put("duplicateOf", r.getLong("duplicate_of"));
  }

  private static JsonObject sentLogJson(LoggedMessage m, SentFrom file) {
    return new JsonObject()
        .put("id", m.id())
        .put("time", text(m.time()))
        .put("queuedAt", text(m.createdAt()))
        .put("sentAt", text(m.submittedAt()))
        .put("to", m.recipient())
        .put("name", m.name())
        .put("status", m.state())
        .put("text", m.body())
        .put("file", file == null ? null : file.name())
        .put("fileId", file == null ? null : file.id())
        .put("jobId", m.jobId())
        .put("error", m.error());
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
