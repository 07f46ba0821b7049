package io.herald.ingest;

import io.herald.accounts.Account;
import io.herald.contacts.Suppressions;
import io.herald.jobs.WeeklySchedule;
import io.herald.jobs.JobSpec;
import io.herald.messages.MessageStore;
import io.herald.messages.NewMessage;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns recipient rows of one job into queued messages, in batches: validates and normalises the
 * number, drops duplicates, renders the text, counts its parts, works out when it may go (the
 * job's start, the row's send time, the send window in the recipient's zone), and writes a batch
 * per round trip. Every source of recipients (API, drop file, campaign, alert) comes through here.
 */
public final class JobWriter {
  public static final int BATCH = 2_000;
  private static final int REJECTIONS_KEPT = 1_000;

  private final SqlClient tx;
  private final MessageStore messages;
  private final Suppressions suppressions;
  private final JobSpec spec;
  private final Long jobId;
  private final boolean checkSuppressions;
  private final Account account;
  private final Template template;
  private final int maxParts;
  private final Instant now;
  private final SeenNumbers seen = new SeenNumbers();
  private boolean repeats;
  private final List<NewMessage> batch = new ArrayList<>(BATCH);
  private final List<Long> batchRows = new ArrayList<>(BATCH);
  private Future<Void> writing = Future.succeededFuture();
  private final List<Rejection> rejections = new ArrayList<>();
  private long accepted;
  private long rejected;

  /** jobId null: texts outside any job. checkSuppressions false only for confirmations to a number that just opted out. */
  JobWriter(SqlClient tx, MessageStore messages, Suppressions suppressions, JobSpec spec, Long jobId, Account account, Template template,
            int maxParts, Instant now, boolean checkSuppressions) {
    this.tx = tx;
    this.messages = messages;
    this.suppressions = suppressions;
    this.spec = spec;
    this.jobId = jobId;
    this.account = account;
    this.template = template;
    this.maxParts = maxParts;
    this.now = now;
    this.checkSuppressions = checkSuppressions;
  }

  /** One text per row even where rows share a number (a family's phone, one text per contact). */
  void allowRepeatedNumbers() {
    repeats = true;
  }

  public Long jobId() {
    return jobId;
  }

  /** The source the rows came from, as meters name it: the job's kind (api, drop, campaign, alert, broadcast, reply). */
  String source() {
    return spec.kind();
  }

  /** Takes one row; the future completes when the caller may send the next (after a batch write). */
  public Future<Void> add(RecipientRow row) {
    NewMessage message = validate(row);
    if (message != null) {
      batch.add(message);
      batchRows.add(row.row());
      accepted++;
    }
    if (batch.size() < BATCH) {
      return Future.succeededFuture();
    }
    // one batch is written while the next is read and checked: the caller waits only for the one before
    Future<Void> previous = writing;
    writeBatch();
    return previous;
  }

  /** Takes one row and writes it now, ahead of any batch: its message id, or RowRejected saying why not. */
  Future<QueuedText> addNow(RecipientRow row) {
    NewMessage message = validate(row);
    if (message == null) {
      return Future.failedFuture(new RowRejected(rejections.get(rejections.size() - 1)));
    }
    accepted++;
    return allowed(List.of(message), List.of(row.row())).compose(allowed -> allowed.isEmpty()
        ? Future.failedFuture(new RowRejected(rejections.get(rejections.size() - 1)))
        : messages.insert(tx, allowed).map(ids -> new QueuedText(ids.get(0), message.recipient(), message.encoding(),
            message.segments())));
  }

  public Future<Summary> finish() {
    writeBatch();
    return writing.map(v -> new Summary(jobId, accepted, rejected, List.copyOf(rejections)));
  }

  /** Queues the rows batched so far to be written after the batch before them. */
  private void writeBatch() {
    if (batch.isEmpty()) {
      return;
    }
    List<NewMessage> rowsToWrite = List.copyOf(batch);
    List<Long> rowNumbers = List.copyOf(batchRows);
    batch.clear();
    batchRows.clear();
    writing = writing.compose(v -> write(rowsToWrite, rowNumbers));
  }

  /** What one job's rows came to. rejections holds the first thousand. */
  public record Summary(Long jobId, long accepted, long rejected, List<Rejection> rejections) {
    public JsonArray rejectionsJson() {
      JsonArray list = new JsonArray();
      rejections.forEach(r -> list.add(r.toJson()));
      return list;
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", jobId).put("accepted", accepted).put("rejected", rejected)
          .put("errors", rejectionsJson());
    }
  }

  /** Writes the batch, less the numbers that opted out: a suppressed address receives nothing. */
  private Future<Void> write(List<NewMessage> writing, List<Long> rows) {
    return allowed(writing, rows).compose(allowed -> allowed.isEmpty() ? Future.succeededFuture()
        : messages.insert(tx, allowed).mapEmpty());
  }

  /** The messages whose numbers have not opted out; the others are rejected rows. */
  private Future<List<NewMessage>> allowed(List<NewMessage> writing, List<Long> rows) {
    if (!checkSuppressions) {
      return Future.succeededFuture(writing);
    }
    List<String> numbers = writing.stream().map(NewMessage::recipient).toList();
    return suppressions.suppressed(tx, account.id(), numbers)
        .map(found -> {
          if (found.isEmpty()) {
            return writing;
          }
          java.util.Set<String> optedOut = new java.util.HashSet<>(found);
          List<NewMessage> allowed = new ArrayList<>(writing.size());
          for (int i = 0; i < writing.size(); i++) {
            NewMessage m = writing.get(i);
            if (optedOut.contains(m.recipient())) {
              accepted--;
              reject(rows.get(i), "to", m.recipient(), "the number opted out");
            } else {
              allowed.add(m);
            }
          }
          return allowed;
        });
  }

  private NewMessage validate(RecipientRow row) {
    if (row.to() == null || row.to().isBlank()) {
      return reject(row, "to", null, "phone number is missing");
    }
    String e164 = row.toChecked() ? row.to() : PhoneNumbers.toE164(row.to(), account.defaultRegion()).orElse(null);
    if (e164 == null) {
      return reject(row, "to", row.to(), "invalid phone number");
    }
    if (!repeats && !seen.add(e164)) {
      return reject(row, "to", row.to(), "duplicate: " + e164 + " is already in this job");
    }
    String text;
    if (row.body() != null) {
      text = row.body();
    } else if (template != null) {
      try {
        text = template.render(row.vars() == null ? java.util.Map.of() : row.vars());
      } catch (IllegalArgumentException e) {
        return reject(row, "vars", null, e.getMessage());
      }
    } else {
      return reject(row, "body", null, "body is missing and the job has no template");
    }
    if (text.isBlank()) {
      return reject(row, "body", text, "body is empty");
    }
    EncodedText encoded = TextEncoder.encode(text);
    if (encoded.segments() > maxParts) {
      return reject(row, "body", null, "body is too long: " + encoded.segments() + " parts of " + encoded.encoding()
          + ", the maximum is " + maxParts);
    }
    ZoneId zone = account.timeZone();
    if (row.timeZone() != null && !row.timeZone().isBlank()) {
      try {
        zone = ZoneId.of(row.timeZone().trim());
      } catch (DateTimeException e) {
        return reject(row, "timeZone", row.timeZone(), "not an IANA time zone like America/New_York");
      }
    }
    Instant earliest = now;
    if (spec.startAt() != null && spec.startAt().isAfter(earliest)) {
      earliest = spec.startAt();
    }
    if (row.sendAt() != null && row.sendAt().isAfter(earliest)) {
      earliest = row.sendAt();
    }
    WeeklySchedule schedule = spec.schedule();
    Instant notBefore = schedule == null ? earliest : schedule.nextOpening(earliest, zone);
    return new NewMessage(account.id(), jobId, spec.lane(), spec.sender(), e164, text, encoded.encoding().name(),
        encoded.segments(), notBefore, row.timeZone() == null || row.timeZone().isBlank() ? null : zone.getId(),
        row.name());
  }

  /** A row the source itself could not read (a bad date, a short line) is reported the same way. */
  public void reject(long row, String field, String value, String reason) {
    rejected++;
    if (rejections.size() < REJECTIONS_KEPT) {
      rejections.add(new Rejection(row, field, value, reason));
    }
  }

  private NewMessage reject(RecipientRow row, String field, String value, String reason) {
    reject(row.row(), field, value, reason);
    return null;
  }
}
