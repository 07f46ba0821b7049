package io.herald.drop;

import io.herald.api.ApiException;
import io.herald.api.Csv;
import io.herald.contacts.ContactNames;
import io.herald.messages.CountedStates;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

  private static final String SENT_LOG = """
      SELECT m.id, m.created_at, p.submitted_at, m.recipient, %s AS recipient_name, m.state, m.body, m.job_id,
             f.id AS file_id, f.name AS file, coalesce(m.error_detail, m.error_code) AS error
      FROM messages m
        LEFT JOIN drop_files f ON f.job_id = m.job_id
        LEFT JOIN message_parts p ON p.message_id = m.id AND p.seq = 1
      WHERE m.account_id = $1 AND ($2::timestamptz IS NULL OR m.created_at >= $2)
        AND ($3::timestamptz IS NULL OR m.created_at < $3)
        AND ($4::bigint IS NULL OR m.job_id = (SELECT job_id FROM drop_files WHERE id = $4 AND account_id = $1))
      ORDER BY m.id DESC LIMIT $5 OFFSET $6""".formatted(ContactNames.orContact("m.recipient_name", "m.account_id", "m.recipient"));

  private static final String REJECTS = """
      SELECT row_no, col, value, reason FROM drop_file_rejects WHERE file_id = $1
      ORDER BY row_no, seq LIMIT $2 OFFSET $3""";

  private final Pool pool;

  public DropReports(Pool pool) {
    this.pool = pool;
  }

  /** The range from the report's from / to parameters, dates read in the account's time zone. */
  public Future<ReportRange> range(long accountId, String from, String to) {
    return pool.preparedQuery("SELECT time_zone FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("account"));
          }
          try {
            return Future.succeededFuture(ReportRange.parse(from, to, ZoneId.of(rows.iterator().next().getString(0))));
          } catch (ApiException e) {
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

  public Future<Void> summaryCsv(long accountId, ReportRange range, HttpServerResponse response) {
    return stream(SUMMARY, summaryArgs(accountId, range, Integer.MAX_VALUE, 0), SUMMARY_COLUMNS, response, r -> {
      JsonObject f = summaryJson(r);
      return List.of(f.getString("receivedAt"), f.getString("name"), f.getString("profile"), f.getLong("rows"),
          f.getLong("accepted"), f.getLong("rejected"), f.getLong("queued"), f.getLong("sent"), f.getLong("delivered"),
          f.getLong("failed"), f.getString("status"), f.getString("reason") == null ? "" : f.getString("reason"));
    });
  }

  /** Newest first, a page of limit lines after offset; fileId keeps the messages of one drop file. */
  public Future<JsonArray> sentLog(long accountId, ReportRange range, Long fileId, int limit, long offset) {
    return pool.preparedQuery(SENT_LOG).execute(sentLogArgs(accountId, range, fileId, limit, offset)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(sentLogJson(r)));
      return list;
    });
  }

  public Future<Void> sentLogCsv(long accountId, ReportRange range, Long fileId, HttpServerResponse response) {
    return stream(SENT_LOG, sentLogArgs(accountId, range, fileId, Integer.MAX_VALUE, 0), SENT_LOG_COLUMNS, response,
        r -> {
          JsonObject m = sentLogJson(r);
          return java.util.Arrays.asList(m.getString("time"), m.getString("to"), m.getString("status"),
              m.getString("text"), m.getString("file"), m.getString("error"));
        });
  }

  /** A file of the account as the summary names it; 404 when the account has no such file. */
  public Future<JsonObject> file(long accountId, long fileId) {
    return pool.preparedQuery("SELECT id, name, status, reason, rows, accepted, rejected FROM drop_files"
            + " WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(fileId, accountId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("drop file"))
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
  public Future<Void> rejectsCsv(long fileId, HttpServerResponse response) {
    return stream(REJECTS, Tuple.of(fileId, Integer.MAX_VALUE, 0L), ResultFile.HEADER, response,
        r -> java.util.Arrays.asList(r.getLong("row_no"), r.getString("col"), r.getString("value"), r.getString("reason")));
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

  private static Tuple sentLogArgs(long accountId, ReportRange range, Long fileId, int limit, long offset) {
    return Tuple.tuple().addLong(accountId).addOffsetDateTime(range.fromUtc()).addOffsetDateTime(range.toUtc())
        .addLong(fileId).addInteger(limit).addLong(offset);
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
        .put("receivedAt", text(r.getOffsetDateTime("received_at")))
        .put("finishedAt", text(r.getOffsetDateTime("finished_at")))
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

  private static JsonObject sentLogJson(Row r) {
    OffsetDateTime sent = r.getOffsetDateTime("submitted_at");
    OffsetDateTime queued = r.getOffsetDateTime("created_at");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("time", text(sent != null ? sent : queued))
        .put("queuedAt", text(queued))
        .put("sentAt", text(sent))
        .put("to", r.getString("recipient"))
        .put("name", r.getString("recipient_name"))
        .put("status", r.getString("state"))
        .put("text", r.getString("body"))
        .put("file", r.getString("file"))
        .put("fileId", r.getLong("file_id"))
        .put("jobId", r.getLong("job_id"))
        .put("error", r.getString("error"));
  }

  /** Writes the header, then a line per row as the cursor reads them, pausing while the client is slow. */
  private Future<Void> stream(String sql, Tuple args, List<String> header, HttpServerResponse response,
                              Function<Row, List<?>> line) {
    return pool.withTransaction(conn -> conn.prepare(sql).compose(statement -> {
      Promise<Void> done = Promise.promise();
      var rows = statement.createStream(500, args);
      response.write(Csv.line(header));
      rows.exceptionHandler(done::tryFail);
      rows.endHandler(v -> done.tryComplete());
      rows.handler(r -> {
        response.write(Csv.line(new ArrayList<>(line.apply(r))));
        if (response.writeQueueFull()) {
          rows.pause();
          response.drainHandler(x -> rows.resume());
        }
      });
      return done.future();
    }));
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
