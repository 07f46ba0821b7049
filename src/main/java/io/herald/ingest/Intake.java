package io.herald.ingest;

import io.herald.accounts.Account;
import io.herald.accounts.AccountStore;
import io.herald.contacts.Suppressions;
import io.herald.jobs.JobEvents;
import io.herald.jobs.JobSpec;
import io.herald.jobs.JobStore;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The one way a message enters Herald. A source (the API's single texts and jobs, a dropped file,
 * a keyword's answer, and later campaigns, alerts and broadcasts) describes its job and hands in
 * its rows; the intake owns the transaction, the checks of every row (through {@link JobWriter}),
 * the batched writes, the meters, and tells dispatch by publishing {@link JobEvents#QUEUED} after
 * the commit. A source may record its own rows in the same transaction ({@link Taking#tx()}) and
 * may abandon the whole, leaving nothing behind.
 */
public final class Intake {
  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore accounts;
  private final MessageStore messages;
  private final Suppressions suppressions;
  private final JobStore jobs;
  private final MessageMeters meters;
  private final int maxParts;
  private final Clock clock;

  public Intake(Vertx vertx, Pool pool, AccountStore accounts, MessageStore messages, Suppressions suppressions,
                JobStore jobs, MessageMeters meters, int maxParts, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.messages = messages;
    this.suppressions = suppressions;
    this.jobs = jobs;
    this.meters = meters;
    this.maxParts = maxParts;
    this.clock = clock;
  }

  /** What a source's rows came to, and what the source itself answered. kept: committed, not abandoned. */
  public record Taken<T>(JobWriter.Summary summary, T value, boolean kept) {}

  /**
   * Runs the source inside one transaction of the account's. The source opens a job (or a
   * job-less batch), adds rows and answers its own value; the intake then writes what is left,
   * commits and publishes, or rolls everything back when the source failed or abandoned.
   */
  public <T> Future<Taken<T>> take(long accountId, Function<Taking, Future<T>> source) {
    return accounts.account(accountId).compose(account -> pool.getConnection().compose(conn -> conn.begin()
        .compose(tx -> {
          Taking taking = new Taking(conn, account);
          return source.apply(taking)
              .compose(value -> taking.abandoned
                  ? tx.rollback().map(v -> counted(taking, new Taken<>(taking.summary(), value, false)))
                  : taking.finish().compose(summary -> tx.commit().map(v -> counted(taking, new Taken<>(summary, value, true)))))
              .recover(e -> tx.rollback().otherwiseEmpty().transform(v -> Future.<Taken<T>>failedFuture(e)));
        })
        .eventually(conn::close)))
        .compose(taken -> taken.kept() ? queued(accountId, taken) : Future.succeededFuture(taken));
  }

  /** herald_ingest_rows_total{source,result}: rows queued, and rows refused (also those of a source that kept nothing). */
  private <T> Taken<T> counted(Taking taking, Taken<T> taken) {
    if (taking.writer != null) {
      meters.ingested(taking.writer.source(), taken.kept() ? taken.summary().accepted() : 0, taken.summary().rejected());
    }
    return taken;
  }

  /** After the commit: a job with nothing to send completes at once; dispatch hears of the rest. */
  private <T> Future<Taken<T>> queued(long accountId, Taken<T> taken) {
    JobWriter.Summary summary = taken.summary();
    Future<?> completed = summary.jobId() == null ? Future.succeededFuture()
        : jobs.completeFinished(List.of(summary.jobId()));
    return completed.map(v -> {
      if (summary.accepted() > 0) {
        meters.count(MessageState.QUEUED, null, (int) summary.accepted());
        vertx.eventBus().publish(JobEvents.QUEUED, JobEvents.queued(accountId, summary.jobId(), summary.accepted()));
      }
      return taken;
    });
  }

  /** One source's rows going in, inside the intake's transaction. Use it on the caller's event loop. */
  public final class Taking {
    private final SqlConnection conn;
    private final Account account;
    private final Instant now = clock.instant();
    private JobWriter writer;
    private Future<JobWriter.Summary> finished;
    private boolean abandoned;

    private Taking(SqlConnection conn, Account account) {
      this.conn = conn;
      this.account = account;
    }

    public Account account() {
      return account;
    }

    /** The intake's transaction, for what the source records together with its rows. */
    public SqlClient tx() {
      return conn;
    }

    /** Opens a job: its row is written now, its messages as rows come. Answers the job's id. */
    public Future<Long> open(JobSpec spec, Template template) {
      return jobs.insert(conn, spec, now).map(jobId -> {
        writer = new JobWriter(conn, messages, suppressions, spec, jobId, account, template, maxParts, now, true);
        return jobId;
      });
    }

    /**
     * Opens a batch outside any job (single texts, answers to keywords). checkSuppressions false is
     * for a confirmation to the number that has just opted out: it must still reach it.
     */
    public void openDirect(JobSpec spec, boolean checkSuppressions) {
      writer = new JobWriter(conn, messages, suppressions, spec, null, account, null, maxParts, now, checkSuppressions);
    }

    /** After open: rows that share a number each get their text (a broadcast's one text per contact). */
    public void allowRepeatedNumbers() {
      writer.allowRepeatedNumbers();
    }

    /** Takes a row; the future completes when the source may hand in the next (after a batch write). */
    public Future<Void> add(RecipientRow row) {
      return writer.add(row);
    }

    /** Takes one row and writes it at once: the queued text, or a {@link RowRejected} naming why not. */
    public Future<QueuedText> addNow(RecipientRow row) {
      return writer.addNow(row);
    }

    /** A row the source itself could not read, reported like the rest. */
    public void reject(long row, String field, String value, String reason) {
      writer.reject(row, field, value, reason);
    }

    /** Writes what is still batched and answers the rows' summary; the source may look before it decides. */
    public Future<JobWriter.Summary> finish() {
      if (finished == null) {
        finished = writer == null ? Future.succeededFuture(new JobWriter.Summary(null, 0, 0, List.of())) : writer.finish();
      }
      return finished;
    }

    /** Nothing of this source is kept: the transaction is rolled back when the source's future completes. */
    public void abandon() {
      abandoned = true;
    }

    private JobWriter.Summary summary() {
      return finished != null && finished.succeeded() ? finished.result()
          : new JobWriter.Summary(writer == null ? null : writer.jobId(), 0, 0, List.of());
    }
  }
}
