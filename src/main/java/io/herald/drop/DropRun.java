package io.herald.drop;

import io.herald.accounts.Account;
import io.herald.accounts.AccountStore;
import io.herald.contacts.ContactUpserts;
import io.herald.contacts.ContactValues;
import io.herald.contacts.Field;
import io.herald.contacts.Fields;
import io.herald.contacts.ImportTarget;
import io.herald.inbox.ConversationLocks;
import io.herald.ingest.Intake;
import io.herald.ingest.Rejection;
import io.herald.ingest.TextFacts;
import io.herald.jobs.JobSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drop file on its way through {@link DropProcessor}: checked, read on a reader thread, its rows
 * through the intake (or, for an appointments profile, saved), then recorded, answered and moved
 * to processed/ or error/ with its result file.
 */
final class DropRun {
  private static final Logger log = LoggerFactory.getLogger(DropRun.class);
  private static final int ERRORS_ANSWERED = 1_000;
  private static final int ERRORS_IN_DRY_RUN = 10_000;
  private static final int PREVIEW = 10;

  /** What every run uses, made once by the processor. */
  record Services(Vertx vertx, DropStore store, MessageKeywordStore keywords, AccountStore accounts, Fields contactFields,
                  ContactUpserts contactUpserts, Intake intake, ConversationLocks locks, DropFolders folders,
                  DropReaders readers, DropMeters meters, int maxParts, ImportTarget appointments) {}

  private final Services deps;
  private final Received file;
  private final Context context;
  private final Path result;
  private DropProfile profile;
  private Account account;
  private Long fileId;
  private TextFacts facts;
  private ResultFile resultFile;
  private Intake.Taking taking;
  private long jobId;
  private final JsonArray preview = new JsonArray();

  DropRun(Services services, Received file, Context context) {
    this.deps = services;
    this.file = file;
    this.context = context;
    this.result = DropFolders.resultOf(file.staged());
  }

  Future<JsonObject> run() {
    return deps.store().login(file.profileId()).compose(login -> {
      if (login.isEmpty()) {
        DropFolders.deleteQuietly(file.staged());
        return Future.succeededFuture(new JsonObject().put("status", "error")
            .put("reason", "the drop profile no longer exists"));
      }
      profile = login.get().profile();
      return deps.accounts().account(profile.accountId()).compose(a -> {
        account = a;
        return file.dryRun() ? Future.succeededFuture((Long) null)
            : deps.store().insertFile(profile, file.name(), file.source(), file.staged().toString());
      }).compose(id -> {
        fileId = id;
        return checks(login.get());
      });
    }).recover(this::failed).onSuccess(this::tell);
  }

  /** A file that was received (not a dry run) is news for whoever listens: notifications. */
  private void tell(JsonObject answer) {
    if (fileId != null && profile != null && !file.dryRun()) {
      deps.vertx().eventBus().publish(DropProcessor.FINISHED, new JsonObject().put("accountId", profile.accountId()).put("fileId", fileId)
          .put("name", file.name()).put("profile", profile.username()).put("status", answer.getString("status"))
          .put("reason", answer.getString("reason")).put("rows", answer.getLong("rows"))
          .put("accepted", answer.getLong("accepted")).put("rejected", answer.getLong("rejected"))
          .put("jobId", answer.getLong("jobId")));
    }
  }

  /** What can refuse the file before its rows are read. */
  private Future<JsonObject> checks(DropStore.Login login) {
    if (!login.accountEnabled()) {
      return refuse("Drop & Go is turned off for this account, so the file was not processed", 0);
    }
    if (!login.profile().settings().enabled()) {
      return refuse("the drop profile " + profile.username() + " is disabled, so the file was not processed", 0);
    }
    if (file.problem() != null) {
      return refuse(file.problem(), 0);
    }
    if (!file.name().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return refuse("only .csv files are accepted: save the file as CSV (Comma delimited) and drop it again", 0);
    }
    return deps.readers().run(() -> TextFacts.of(file.staged())).compose(f -> {
      facts = f;
      if (!f.readable()) {
        return refuse(f.problem(), 0);
      }
      if (file.dryRun()) {
        return prepare();
      }
      return deps.store().processedWithContent(profile.id(), f.sha256()).compose(earlier -> earlier.isPresent()
          ? duplicate(earlier.get()) : prepare());
    });
  }

  private Future<JsonObject> duplicate(DropStore.Earlier earlier) {
    String reason = "duplicate: the same content was dropped as " + earlier.name() + " on " + earlier.receivedAt()
        + " (file " + earlier.id() + "), so it was not " + (loads() ? "loaded" : "sent") + " again";
    return finish("duplicate", reason, 0, 0, 0, null, earlier.id(), "nothing was sent");
  }

  private boolean loads() {
    return profile.settings().loadsAppointments();
  }

  /** Everything the rows need from the database, then the job and the reading. */
  private Future<JsonObject> prepare() {
    ProfileSettings s = profile.settings();
    if (s.loadsAppointments()) {
      return loadAppointments();
    }
    Future<Map<String, String>> keywordMessages = s.columns().keyword() == null ? Future.succeededFuture(Map.of())
        : deps.keywords().firstMessages(account.id());
    boolean saves = s.columns().fields().stream().anyMatch(f -> f.contactField() != null);
    Future<Map<String, Field>> fields = !saves ? Future.succeededFuture(Map.of())
        : deps.contactFields().all(account.id()).map(list -> list.stream().collect(Collectors.toMap(Field::key, Function.identity())));
    return keywordMessages.compose(k -> fields.compose(f -> deps.accounts().sender(account.id(), s.sender()).compose(sender -> {
      if (sender.isEmpty()) {
        return refuse(s.sender() == null ? "the account has no default sender: set one in the drop profile's from"
            : "the drop profile's sender " + s.sender() + " no longer exists: fix the profile and drop the file again", 0);
      }
      FileReading reading = new FileReading(s, account, k, f, deps.maxParts(),
          file.dryRun() ? ERRORS_IN_DRY_RUN : ERRORS_ANSWERED);
      return file.dryRun() ? dryRun(reading) : send(reading, sender.get().address());
    })));
  }

  /** A profile that loads appointments: each chunk of rows is saved as it is read; nothing is sent. */
  private Future<JsonObject> loadAppointments() {
    if (file.dryRun()) {
      return refuse("a test run shows the texts a file would send; this profile loads appointments and sends none:"
          + " drop the file to load it", 0);
    }
    AppointmentReading reading = new AppointmentReading(profile.settings(), ERRORS_ANSWERED);
    return deps.readers().run(() -> {
      resultFile = newResultFile();
      return reading.read(file.staged(), facts, resultFile, rows -> {
        Promise<ImportTarget.Saved> saved = Promise.promise();
        context.runOnContext(v -> deps.appointments().save(account.id(), rows).onComplete(saved));
        return saved.future();
      });
    }).compose(outcome -> {
      String problem = outcome.problem() != null ? outcome.problem() + (outcome.accepted() > 0
          ? "; the " + outcome.accepted() + " appointments before it were loaded" : "; no appointment was loaded")
          : outcome.rows() == 0 || outcome.accepted() == 0 ? FileVerdicts.problem(outcome) : null;
      String status = problem == null ? "processed" : "error";
      return deps.store().finishFile(deps.store().pool(), fileId, new DropStore.Finish(status, problem, facts.size(), facts.sha256(),
              outcome.rows(), outcome.accepted(), outcome.rejected(), null, null))
          .compose(v -> deps.readers().run(() -> {
            if (problem != null) {
              resultFile.problem(problem);
            }
            return null;
          }))
          .compose(v -> deliver(problem == null, List.of(), outcome.rows(), outcome.accepted(), outcome.rejected(),
              outcome.accepted() + " appointments loaded, nothing sent"))
          .map(path -> {
            if (problem != null) {
              deps.meters().file(status);
            }
            return answer(status, problem, outcome.rows(), outcome.accepted(), outcome.rejected(), null, null, path,
                outcome.errors());
          });
    });
  }

  private Future<JsonObject> dryRun(FileReading reading) {
    return deps.readers().run(() -> {
      try (ResultFile r = new ResultFile(result)) {
        return reading.read(file.staged(), facts, r, rows -> {
          for (MappedRow m : rows) {
            if (preview.size() < PREVIEW) {
              preview.add(new JsonObject().put("row", m.recipient().row()).put("to", m.recipient().to())
                  .put("text", m.recipient().body()).put("encoding", m.encoding()).put("segments", m.segments())
                  .put("sendAt", m.recipient().sendAt() == null ? null : m.recipient().sendAt().toString()));
            }
          }
          return Future.succeededFuture();
        });
      } finally {
        DropFolders.deleteQuietly(file.staged());
        DropFolders.deleteQuietly(result);
      }
    }).map(outcome -> {
      JsonObject answer = new JsonObject().put("dryRun", true).put("name", file.name())
          .put("encoding", facts.encoding()).put("rows", outcome.rows()).put("accepted", outcome.accepted())
          .put("rejected", outcome.rejected());
      String problem = FileVerdicts.problem(outcome);
      answer.put("status", problem == null ? "ok" : "error").put("reason", problem);
      return answer.put("preview", preview).put("errors", outcome.errors());
    });
  }

  private Future<JsonObject> send(FileReading reading, String sender) {
    JobSpec spec = new JobSpec(account.id(), "drop", file.name(), "bulk", sender, null, null, null, null);
    return deps.intake().take(account.id(), t -> {
      taking = t;
      return t.open(spec, null).compose(id -> {
        jobId = id;
        return deps.readers().run(() -> {
          resultFile = newResultFile();
          return reading.read(file.staged(), facts, resultFile, this::write);
        });
      }).compose(outcome -> decide(t, outcome));
    }).compose(taken -> {
      Decision d = taken.value();
      if (!taken.kept()) {
        return d.late().isEmpty() ? finish("error", d.problem(), d.outcome(), null)
            : deps.readers().run(() -> {
              for (Rejection r : d.late()) {
                resultFile.rejected(r);
              }
              return null;
            }).compose(v -> finish("error", d.problem(), d.outcome().rows(), 0, d.rejected(), null, null, "nothing was sent"))
            .map(answer -> answer.put("errors", d.outcome().errors()));
      }
      // the texts are on their way: a failure to move the file must not report otherwise
      return deliver(true, d.late(), d.outcome().rows(), d.accepted(), d.rejected(), "job " + jobId).recover(e -> {
        log.warn("drop file {}: sent as job {}, but it could not be moved to processed/: {}", fileId, jobId, e.toString());
        return Future.succeededFuture((String) null);
      }).map(resultPath -> answer("processed", null, d.outcome().rows(), d.accepted(), d.rejected(), jobId, null,
          resultPath, d.outcome().errors()));
    });
  }

  /** Whether the file's rows are kept: inside the intake's transaction, before it commits. */
  private Future<Decision> decide(Intake.Taking t, FileReading.Outcome outcome) {
    String problem = FileVerdicts.problem(outcome);
    if (problem != null) {
      t.abandon();
      return Future.succeededFuture(new Decision(outcome, problem, List.of(), 0, outcome.rejected()));
    }
    return t.finish().compose(summary -> {
      // what the intake refused after the file's own checks (a number that opted out)
      List<Rejection> late = summary.rejections().stream().map(r -> "to".equals(r.field())
          ? new Rejection(r.row(), "phone number", r.value(), r.reason()) : r).toList();
      late.forEach(r -> outcome.errors().add(r.toJson()));
      long rejected = outcome.rejected() + summary.rejected();
      if (summary.accepted() == 0) {
        t.abandon();
        return Future.succeededFuture(new Decision(outcome, FileVerdicts.noValidRow(outcome.rows()), late, 0, rejected));
      }
      Future<Void> locked = profile.settings().conversationLock() ? deps.locks().lock(t.tx(), jobId)
          : Future.succeededFuture();
      return locked.compose(v -> deps.store().finishFile(t.tx(), fileId, new DropStore.Finish("processed", null, facts.size(),
              facts.sha256(), outcome.rows(), summary.accepted(), rejected, jobId, null)))
          .map(v -> new Decision(outcome, null, late, summary.accepted(), rejected));
    });
  }

  /** Hands a chunk to the job writer on the event loop; called from the reader thread. */
  private Future<Void> write(List<MappedRow> rows) {
    Promise<Void> written = Promise.promise();
    context.runOnContext(v -> add(rows, 0).compose(x -> {
      List<ContactValues> contacts = new ArrayList<>();
      rows.forEach(r -> {
        if (r.contact() != null) {
          contacts.add(r.contact());
        }
      });
      return deps.contactUpserts().save(taking.tx(), account.id(), contacts);
    }).onComplete(written));
    return written.future();
  }

  private Future<Void> add(List<MappedRow> rows, int from) {
    for (int i = from; i < rows.size(); i++) {
      Future<Void> added = taking.add(rows.get(i).recipient());
      if (!added.isComplete()) {
        int next = i + 1;
        return added.compose(v -> add(rows, next));
      }
      if (added.failed()) {
        return added;
      }
    }
    return Future.succeededFuture();
  }


  private Future<JsonObject> refuse(String reason, long rows) {
    return finish("error", reason, rows, 0, 0, null, null, "nothing was sent");
  }

  private Future<JsonObject> finish(String status, String reason, FileReading.Outcome outcome, Long job) {
    return finish(status, reason, outcome.rows(), 0, outcome.rejected(), job, null, "nothing was sent")
        .map(answer -> answer.put("errors", outcome.errors()));
  }

  /** A file that leaves no job: recorded, moved to error/ with its result, answered. */
  private Future<JsonObject> finish(String status, String reason, long rows, long accepted, long rejected, Long job,
                                    Long duplicateOf, String outcome) {
    if (file.dryRun()) {
      DropFolders.deleteQuietly(file.staged());
      DropFolders.deleteQuietly(result);
      return Future.succeededFuture(new JsonObject().put("dryRun", true).put("name", file.name())
          .put("status", "error").put("reason", reason).put("rows", rows).put("accepted", 0).put("rejected", rejected)
          .put("preview", new JsonArray()).put("errors", new JsonArray()));
    }
    Future<Void> recorded = fileId == null ? Future.succeededFuture() : deps.store().finishFile(deps.store().pool(), fileId,
        new DropStore.Finish(status, reason, facts == null ? size() : facts.size(), facts == null ? null : facts.sha256(),
            rows, 0, rejected, job, duplicateOf));
    return recorded.compose(v -> deps.readers().run(() -> {
          if (resultFile == null) {
            resultFile = newResultFile();
          }
          resultFile.problem(reason);
          return null;
        }))
        .compose(v -> deliver(false, List.of(), rows, 0, rejected, outcome))
        .map(path -> {
          deps.meters().file(status);
          return answer(status, reason, rows, 0, rejected, null, duplicateOf, path, new JsonArray());
        });
  }

  /** A received file's rejected rows are kept for the summary too; a dry run's are only answered. */
  private ResultFile newResultFile() throws java.io.IOException {
    return new ResultFile(result, fileId == null ? null : new StoredRejects(deps.store(), fileId, context));
  }

  private long size() {
    return file.staged().toFile().length();
  }

  /** Writes the summary line, closes the result and moves both into processed/ or error/. */
  private Future<String> deliver(boolean processed, List<Rejection> late, long rows, long accepted, long rejected,
                                 String outcome) {
    return deps.readers().run(() -> {
      if (resultFile == null) {
        resultFile = newResultFile();
      }
      for (Rejection r : late) {
        resultFile.rejected(r);
      }
      resultFile.summary(FileVerdicts.summaryText(rows, accepted, rejected, outcome));
      resultFile.close();
      return deps.folders().deliver(file.profileId(), file.staged(), result, file.name(), processed);
    }).onSuccess(path -> {
      if (processed) {
        deps.meters().file("processed");
      }
    });
  }

  private JsonObject answer(String status, String reason, long rows, long accepted, long rejected, Long job,
                            Long duplicateOf, String resultPath, JsonArray errors) {
    return new JsonObject().put("id", fileId).put("name", file.name()).put("profileId", file.profileId())
        .put("source", file.source()).put("status", status).put("reason", reason)
        .put("encoding", facts == null ? null : facts.encoding()).put("rows", rows).put("accepted", accepted)
        .put("rejected", rejected).put("jobId", job).put("duplicateOf", duplicateOf).put("result", resultPath)
        .put("errors", errors);
  }

  /** Anything unexpected (the database went away, a disk error): the file goes to error/ saying so. */
  private Future<JsonObject> failed(Throwable e) {
    log.warn("drop file {} of profile {} failed: {}", fileId, file.profileId(), e.toString());
    String reason = e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? "duplicate: the same content was processed for this profile at the same time, so it was not sent again"
        : "Herald could not process the file (" + e.getMessage() + "), so nothing from it was sent: drop it again";
    return finish("error", reason, 0, 0, 0, null, null, "nothing was sent")
        .recover(again -> Future.failedFuture(e));
  }

/** What became of a file's rows: kept when problem is null. */
private record Decision(FileReading.Outcome outcome, String problem, List<Rejection> late, long accepted, long rejected) {}
}
