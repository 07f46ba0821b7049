package io.herald.jobs;

import io.herald.errors.Refusal;
import io.herald.messages.JobEnds;
import io.herald.messages.MessageCounts;
import io.herald.messages.MessageLog;
import io.herald.messages.MessageState;
import io.herald.messages.QueueLeases;
import io.herald.messages.Transition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for jobs: writing them, their counts and control, and the per-recipient report. */
public final class JobStore {
  private static final List<String> ACTIVE = List.of("queued", "sending", "submitted");
  private static final String JOB_COLUMNS = """
      j.id, j.account_id, j.kind, j.name, j.lane, j.status, j.sender, j.schedule, j.start_at, j.end_at,
      j.created_at, j.started_at, j.finished_at, j.paused_reason, (SELECT a.time_zone FROM accounts a WHERE a.id = j.account_id) AS zone,
      (SELECT a.disabled_at IS NOT NULL FROM accounts a WHERE a.id = j.account_id) AS account_disabled,
      (SELECT coalesce(jsonb_object_agg(c.state, c.n) FILTER (WHERE c.n > 0), '{}'::jsonb)
       FROM (SELECT state, sum(n)::bigint AS n FROM (
               SELECT state, n FROM job_counts WHERE job_id = j.id
               UNION ALL
               SELECT v.state, v.sign * l.n FROM (SELECT %s AS n) l, (VALUES ('queued', -1), ('sending', 1)) v(state, sign)
             ) x GROUP BY state) c) AS counts""".formatted(QueueLeases.leasedOf("j.id"));

  private static final List<String> REPORT_COLUMNS = List.of("Full Name", "Phone Number", "SMS Status",
      "Error Details", "Message Text", "Timestamp");

  private final Pool pool;
  private final MessageCounts counts;
  private final MessageLog log;

  public JobStore(Pool pool) {
    this.pool = pool;
    this.counts = new MessageCounts(pool);
    this.log = new MessageLog(pool);
  }

  public Pool pool() {
    return pool;
  }

  public Future<Long> insert(SqlClient tx, JobSpec spec, Instant now) {
    boolean later = spec.startAt() != null && spec.startAt().isAfter(now);
    return tx.preparedQuery("""
            INSERT INTO jobs (account_id, kind, name, lane, sender, schedule, start_at, end_at, status, started_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""")
        .execute(Tuple.tuple()
            .addLong(spec.accountId()).addString(spec.kind()).addString(spec.name()).addString(spec.lane())
            .addString(spec.sender()).addValue(spec.schedule() == null ? null : spec.schedule().toJson())
            .addOffsetDateTime(utc(spec.startAt())).addOffsetDateTime(utc(spec.endAt()))
            .addString(later ? "scheduled" : "running").addOffsetDateTime(later ? null : utc(now))
            .addLong(spec.createdBy()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<JsonObject>> find(long accountId, long id) {
    return pool.preparedQuery("SELECT " + JOB_COLUMNS + " FROM jobs j WHERE j.id = $1 AND j.account_id = $2")
        .execute(Tuple.of(id, accountId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(JobJson.of(rows.iterator().next())));
  }

  /** Newest first; before = an id to page from; status filters when given. */
  public Future<JsonArray> list(long accountId, Long before, String status, int limit) {
    return pool.preparedQuery("SELECT " + JOB_COLUMNS + """
             FROM jobs j WHERE j.account_id = $1 AND ($2::bigint IS NULL OR j.id < $2)
              AND ($3::text IS NULL OR j.status = $3)
            ORDER BY j.id DESC LIMIT $4""")
        .execute(Tuple.of(accountId, before, status, limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(JobJson.of(r)));
          return list;
        });
  }

  /** These jobs as the API shows them, whichever account they belong to (for notifications). */
  public Future<List<JsonObject>> byIds(Collection<Long> ids) {
    return pool.preparedQuery("SELECT " + JOB_COLUMNS + " FROM jobs j WHERE j.id = ANY($1) ORDER BY j.id")
        .execute(Tuple.tuple().addValue(ids.toArray(Long[]::new)))
        .map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(r -> list.add(JobJson.of(r)));
          return list;
        });
  }

  /** Jobs that must not go on as they are stop, saying why (resuming clears it); the ids that stopped now. */
  public Future<List<Long>> stop(List<Long> ids, String reason) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("""
            UPDATE jobs SET status = 'paused', paused_reason = $2 WHERE id = ANY($1) AND status IN ('running', 'scheduled')
            RETURNING id""")
        .execute(Tuple.of(ids.toArray(Long[]::new), reason))
        .map(rows -> {
          List<Long> stopped = new ArrayList<>();
          rows.forEach(r -> stopped.add(r.getLong(0)));
          return stopped;
        });
  }

  /** New send windows for jobs not yet finished; the number of jobs changed. */
  public Future<Integer> reschedule(List<Long> ids, WeeklySchedule schedule) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery("UPDATE jobs SET schedule = $2::jsonb WHERE id = ANY($1) AND status IN ('scheduled', 'running', 'paused')")
        .execute(Tuple.of(ids.toArray(Long[]::new), schedule.toJson()))
        .map(rows -> rows.rowCount());
  }

  /** A running job pauses itself, saying why; its name when it did, empty when it was no longer running. */
  public Future<Optional<String>> autoPause(long id, String reason) {
    return pool.preparedQuery("""
            UPDATE jobs SET status = 'paused', paused_reason = $2 WHERE id = $1 AND status = 'running'
            RETURNING coalesce(name, '')""")
        .execute(Tuple.of(id, reason))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<JsonObject> pause(long accountId, long id) {
    return change(accountId, id, "paused", List.of("running", "scheduled"), "paused");
  }

  public Future<JsonObject> resume(long accountId, long id, Instant now) {
    return pool.preparedQuery("""
            UPDATE jobs SET status = CASE WHEN start_at > $3 THEN 'scheduled' ELSE 'running' END, paused_reason = NULL,
                   started_at = coalesce(started_at, CASE WHEN start_at > $3 THEN NULL ELSE $3 END)
            WHERE id = $1 AND account_id = $2 AND status = 'paused' RETURNING id""")
        .execute(Tuple.of(id, accountId, utc(now)))
        .compose(rows -> rows.size() > 0 ? found(accountId, id) : refuse(accountId, id, "resumed", List.of("paused")));
  }

  /** Cancels the job: what has not gone yet never will; what is on its way finishes. */
  public Future<JobChange> cancel(long accountId, long id) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE jobs SET status = 'cancelled', finished_at = now()
                WHERE id = $1 AND account_id = $2 AND status IN ('running', 'scheduled', 'paused') RETURNING id""")
            .execute(Tuple.of(id, accountId))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture((List<Transition>) null)
                : JobEnds.endQueued(tx, "id = $1", Tuple.of(id), MessageState.CANCELLED, "job cancelled")))
        .compose(transitions -> transitions == null
            ? refuse(accountId, id, "cancelled", List.of("running", "scheduled", "paused")).map(j -> (JobChange) null)
            : found(accountId, id).map(job -> new JobChange(job, transitions)));
  }

  /** A job as it is after a change, and the messages that changed with it. */
  public record JobChange(JsonObject job, List<Transition> transitions) {}

  private Future<JsonObject> change(long accountId, long id, String to, List<String> from, String verb) {
    return pool.preparedQuery("UPDATE jobs SET status = $3 WHERE id = $1 AND account_id = $2 AND status = ANY($4) RETURNING id")
        .execute(Tuple.of(id, accountId, to, from.toArray(String[]::new)))
        .compose(rows -> rows.size() > 0 ? found(accountId, id) : refuse(accountId, id, verb, from));
  }

  private Future<JsonObject> found(long accountId, long id) {
    return find(accountId, id).map(job -> job.orElseThrow(() -> Refusal.notFound("job")));
  }

  private Future<JsonObject> refuse(long accountId, long id, String verb, List<String> from) {
    return find(accountId, id).compose(job -> {
      if (job.isEmpty()) {
        return Future.failedFuture(Refusal.notFound("job"));
      }
      return Future.failedFuture(Refusal.conflict("job " + id + " is " + job.get().getString("status") + "; only a "
              + String.join(" or ", from) + " job can be " + verb).with("status", job.get().getString("status")));
    });
  }

  /** Running jobs (with how many they have queued), and accounts with queued messages outside any job. */
  public Future<List<Unit>> activeUnits() {
    Future<List<Unit>> running = pool.query("""
            SELECT j.id, j.account_id, j.lane, j.sender, j.schedule, j.end_at, a.time_zone,
                   (SELECT coalesce(sum(c.n), 0) FROM job_counts c WHERE c.job_id = j.id AND c.state = 'queued')::bigint
                     - %s AS queued
            FROM jobs j JOIN accounts a ON a.id = j.account_id
            WHERE j.status = 'running' AND a.disabled_at IS NULL""".formatted(QueueLeases.leasedOf("j.id")))
        .execute()
        .map(rows -> {
          List<Unit> units = new ArrayList<>();
          for (Row r : rows) {
            OffsetDateTime end = r.getOffsetDateTime("end_at");
            units.add(new Unit(r.getLong("id"), r.getLong("account_id"), r.getString("lane"),
                r.getString("sender"), schedule(r.getValue("schedule")), end == null ? null : end.toInstant(),
                ZoneId.of(r.getString("time_zone")), r.getLong("queued")));
          }
          return units;
        });
    return Future.all(running, counts.directQueues()).map(both -> {
      List<Unit> all = new ArrayList<>(both.<List<Unit>>resultAt(0));
      both.<List<MessageCounts.DirectQueue>>resultAt(1).forEach(d -> all.add(new Unit(null, d.accountId(), d.lane(), null,
          null, null, d.timeZone(), d.queued())));
      return all;
    });
  }

  /** Jobs among these whose every message is final become completed. */
  public Future<List<Long>> completeFinished(Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("""
            UPDATE jobs j SET status = 'completed', finished_at = now()
            WHERE j.id = ANY($1) AND j.status IN ('running', 'paused')
              AND (SELECT coalesce(sum(c.n), 0) FROM job_counts c WHERE c.job_id = j.id AND c.state = ANY($2)) = 0
            RETURNING j.id""")
        .execute(Tuple.tuple().addValue(jobIds.toArray(Long[]::new)).addValue(ACTIVE.toArray(String[]::new)))
        .map(rows -> {
          List<Long> done = new ArrayList<>();
          rows.forEach(r -> done.add(r.getLong(0)));
          return done;
        });
  }

  /** Scheduled jobs whose start has come begin to run. */
  public Future<Integer> startDue(Instant now) {
    return pool.preparedQuery("""
            UPDATE jobs SET status = 'running', started_at = $1
            WHERE status = 'scheduled' AND start_at <= $1""")
        .execute(Tuple.of(utc(now))).map(rows -> rows.rowCount());
  }

  /**
   * A message whose send attempt was being written back to the queue as its job was cancelled can
   * miss the cancel; this catches it (recently cancelled jobs only, so the sweep stays small).
   */
  public Future<List<Transition>> cancelStragglers() {
    return pool.withTransaction(tx -> JobEnds.endQueued(tx,
        "status = 'cancelled' AND finished_at > now() - interval '1 hour'", Tuple.tuple(), MessageState.CANCELLED,
        "job cancelled"));
  }

  /** At a job's end time, whatever it has not sent yet expires. Returns the messages that changed. */
  public Future<List<Transition>> expireEnded(Instant now) {
    return pool.withTransaction(tx -> JobEnds.endQueued(tx,
        "id IN (SELECT id FROM jobs WHERE end_at <= $1 AND status IN ('running', 'scheduled', 'paused'))",
        Tuple.of(utc(now)), MessageState.EXPIRED, "the job's end time passed before it was sent"));
  }

  /**
   * Writes the per-recipient report as CSV: Full Name, Phone Number, SMS Status, Error Details,
   * Message Text, Timestamp (of the last change, UTC), in the order the job was written. Full Name is
   * the recipient's as given, else the account's contact with that number. onlyFailed keeps the
   * messages that did not go through. Read through a cursor, so a million-row job never sits in memory.
   */
  public Future<Void> report(long accountId, long jobId, boolean onlyFailed, WriteStream<Buffer> out) {
    return report(accountId, jobId, onlyFailed, REPORT_COLUMNS, out);
  }

  /** The same report under other column names (an alert's report names its recipients clients). */
  public Future<Void> report(long accountId, long jobId, boolean onlyFailed, List<String> header, WriteStream<Buffer> out) {
    return log.csv(MessageLog.Filter.ofJob(accountId, jobId, onlyFailed), MessageLog.Order.OLDEST_FIRST, header,
        m -> Arrays.asList(m.name(), m.recipient(), m.state(), m.errorDetail(), m.body(), m.updatedAt().toString()), out);
  }

  /** Parses a stored schedule back. */
  public static WeeklySchedule schedule(Object stored) {
    return stored == null ? null : WeeklySchedule.fromJson(stored instanceof JsonObject o ? o : new JsonObject(stored.toString()));
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
