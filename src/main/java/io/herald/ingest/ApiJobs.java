package io.herald.ingest;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Principal;
import io.herald.api.ApiException;
import io.herald.dispatch.Dispatcher;
import io.herald.dispatch.WeeklySchedule;
import io.herald.jobs.JobSpec;
import io.herald.jobs.JobStore;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEvent;
import io.vertx.core.parsetools.JsonParser;
import io.vertx.core.streams.ReadStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A batch of recipients from one API call becomes a job. The body is read as a stream: settings
 * first, then {@code "recipients": [...]}, written in batches as it arrives, all in one transaction
 * (a malformed body leaves nothing behind; a bad row is reported and the rest go).
 */
public final class ApiJobs {
  public static final int MAX_RECIPIENTS = 100_000;
  private static final List<String> LANES = List.of("conversation", "alert", "bulk");
  private static final List<String> SETTINGS = List.of("name", "from", "lane", "template", "schedule", "startAt", "endAt");

  private final Vertx vertx;
  private final AccountStore accounts;
  private final MessageStore messages;
  private final JobStore jobs;
  private final MessageMeters meters;
  private final int maxParts;
  private final Clock clock;

  public ApiJobs(Vertx vertx, AccountStore accounts, MessageStore messages, JobStore jobs, MessageMeters meters,
                 int maxParts, Clock clock) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.messages = messages;
    this.jobs = jobs;
    this.meters = meters;
    this.maxParts = maxParts;
    this.clock = clock;
  }

  /** Reads the request and answers the job with accepted / rejected counts and the rejected rows. */
  public Future<JsonObject> create(Principal principal, long accountId, ReadStream<Buffer> body) {
    body.pause();
    return accounts.account(accountId).compose(account -> messages.pool().getConnection().compose(conn ->
        conn.begin().compose(tx -> new Reading(principal, account, conn, body).run()
            .compose(summary -> tx.commit().map(summary))
            .recover(e -> tx.rollback().transform(v -> Future.failedFuture(e))))
            .eventually(conn::close)))
        .compose(summary -> jobs.completeFinished(List.of(summary.jobId()))
            .compose(done -> jobs.find(accountId, summary.jobId()))
            .map(job -> {
              meters.count(MessageState.QUEUED, null, (int) summary.accepted());
              vertx.eventBus().send(Dispatcher.WAKE, null);
              return job.orElseThrow().put("accepted", summary.accepted()).put("rejected", summary.rejected())
                  .put("errors", summary.rejectionsJson());
            }));
  }

  /** One request being read. */
  private final class Reading {
    private final Principal principal;
    private final io.herald.accounts.Account account;
    private final SqlConnection conn;
    private final JsonParser parser;
    private final Promise<JobWriter.Summary> done = Promise.promise();
    private final JsonObject settings = new JsonObject();
    private JobWriter writer;
    private Future<Void> starting;
    private boolean opened;
    private boolean inRecipients;
    private boolean recipientsSeen;
    private long row;

    Reading(Principal principal, io.herald.accounts.Account account, SqlConnection conn, ReadStream<Buffer> body) {
      this.principal = principal;
      this.account = account;
      this.conn = conn;
      this.parser = JsonParser.newParser(body);
    }

    Future<JobWriter.Summary> run() {
      parser.exceptionHandler(e -> fail(new ApiException(400, new JsonObject()
          .put("error", "request body is not valid JSON" + (row > 0 ? " after recipient " + row : "") + ": "
              + firstLine(e.getMessage())))));
      parser.handler(this::event);
      parser.endHandler(v -> end());
      parser.resume();
      return done.future();
    }

    private void event(JsonEvent event) {
      if (done.future().isComplete()) {
        return;
      }
      try {
        switch (event.type()) {
          case START_OBJECT -> {
            if (opened) {
              throw new ApiException(400, new JsonObject().put("error", "request body must be one JSON object"));
            }
            opened = true;
            parser.objectValueMode(); // the top-level object is open; anything inside it comes whole
          }
          case END_OBJECT -> { }
          case START_ARRAY -> {
            if (!"recipients".equals(event.fieldName()) || inRecipients) {
              throw ApiException.badField(String.valueOf(event.fieldName()), "unexpected list", null);
            }
            inRecipients = true;
            recipientsSeen = true;
            parser.pause();
            starting = startJob().onComplete(ar -> {
              if (ar.failed()) {
                fail(ar.cause());
              } else {
                parser.resume();
              }
            });
          }
          case END_ARRAY -> inRecipients = false;
          case VALUE -> {
            if (!opened) {
              throw new ApiException(400, new JsonObject().put("error", "request body must be a JSON object"));
            }
            if (inRecipients) {
              recipient(event);
            } else if (recipientsSeen) {
              throw ApiException.badField(event.fieldName(), "settings go before recipients", null);
            } else if (!SETTINGS.contains(event.fieldName())) {
              throw ApiException.badField(event.fieldName(), "unknown field " + event.fieldName(), null);
            } else {
              settings.put(event.fieldName(), event.value());
            }
          }
        }
      } catch (RuntimeException e) {
        fail(e);
      }
    }

    private void recipient(JsonEvent event) {
      row++;
      if (row > MAX_RECIPIENTS) {
        throw ApiException.badField("recipients", "too many recipients: the limit is " + MAX_RECIPIENTS + " in one request", null);
      }
      Object value = event.value();
      if (value instanceof JsonObject o && o.getValue("sendAt") != null && parseInstant(o.getValue("sendAt")) == null) {
        writer.reject(row, "sendAt", String.valueOf(o.getValue("sendAt")), "not an ISO-8601 time like 2026-12-01T09:00:00Z");
        return;
      }
      if (!(value instanceof JsonObject)) {
        writer.reject(row, "recipient", String.valueOf(value), "a recipient is an object like {\"to\": \"+12025550143\", \"body\": \"...\"}");
        return;
      }
      RecipientRow recipient = toRow(row, value);
      Future<Void> written = writer.add(recipient);
      if (!written.isComplete()) {
        parser.pause();
        written.onComplete(ar -> {
          if (ar.failed()) {
            fail(ar.cause());
          } else {
            parser.resume();
          }
        });
      } else if (written.failed()) {
        fail(written.cause());
      }
    }

    private void end() {
      if (done.future().isComplete()) {
        return;
      }
      if (!recipientsSeen) {
        fail(ApiException.badField("recipients", "recipients is required: a list of {to, body} or {to, vars}", null));
        return;
      }
      starting.compose(v -> writer.finish()).onComplete(ar -> {
        if (ar.succeeded()) {
          done.tryComplete(ar.result());
        } else {
          fail(ar.cause());
        }
      });
    }

    private void fail(Throwable e) {
      if (done.tryFail(e)) {
        parser.handler(null);
        parser.resume(); // drain the rest of the body so the answer can be read
      }
    }

    private Future<Void> startJob() {
      JobSpec spec;
      Template template;
      try {
        String lane = text("lane", "bulk").toLowerCase(Locale.ROOT);
        if (!LANES.contains(lane)) {
          throw ApiException.badField("lane", "lane must be conversation, alert or bulk", lane);
        }
        String templateText = text("template", null);
        try {
          template = templateText == null ? null : Template.parse(templateText);
        } catch (IllegalArgumentException e) {
          throw ApiException.badField("template", e.getMessage(), templateText);
        }
        WeeklySchedule schedule = null;
        if (settings.getValue("schedule") != null) {
          if (!(settings.getValue("schedule") instanceof JsonObject s)) {
            throw ApiException.badField("schedule", "schedule must be an object like {\"mon\": [\"09:00\", \"17:00\"]}", null);
          }
          try {
            schedule = WeeklySchedule.fromJson(s);
          } catch (IllegalArgumentException e) {
            throw ApiException.badField("schedule", e.getMessage(), null);
          }
        }
        Instant startAt = instant("startAt");
        Instant endAt = instant("endAt");
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
          throw ApiException.badField("endAt", "endAt must be after startAt", settings.getString("endAt"));
        }
        spec = new JobSpec(account.id(), "api", text("name", null), lane, text("from", null), schedule, startAt, endAt,
            principal.userId());
      } catch (ApiException e) {
        return Future.failedFuture(e);
      }
      String from = spec.sender();
      return accounts.sender(account.id(), from).compose(sender -> {
        if (sender.isEmpty()) {
          return Future.failedFuture(from == null
              ? ApiException.badField("from", "the account has no default sender; give one in from", null)
              : ApiException.badField("from", "unknown sender", from));
        }
        JobSpec withSender = new JobSpec(spec.accountId(), spec.kind(), spec.name(), spec.lane(), sender.get().address(),
            spec.schedule(), spec.startAt(), spec.endAt(), spec.createdBy());
        Instant now = clock.instant();
        return jobs.insert(conn, withSender, now).map(jobId -> {
          writer = new JobWriter(conn, messages, withSender, jobId, account, template, maxParts, now);
          return (Void) null;
        });
      });
    }

    private String text(String key, String fallback) {
      Object value = settings.getValue(key);
      if (value == null) {
        return fallback;
      }
      if (!(value instanceof String s)) {
        throw ApiException.badField(key, key + " must be a string", String.valueOf(value));
      }
      return s;
    }

    private Instant instant(String key) {
      String value = text(key, null);
      try {
        return value == null ? null : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw ApiException.badField(key, key + " must be an ISO-8601 time like 2026-12-01T09:00:00Z", value);
      }
    }
  }

  /** A recipient element; shape errors become rows the writer rejects, with the field named. */
  static RecipientRow toRow(long row, Object value) {
    if (!(value instanceof JsonObject o)) {
      return new RecipientRow(row, null, null, null, null, null, null);
    }
    Map<String, String> vars = null;
    if (o.getValue("vars") instanceof JsonObject v) {
      vars = new HashMap<>();
      for (String key : v.fieldNames()) {
        Object x = v.getValue(key);
        vars.put(key.toLowerCase(Locale.ROOT), x == null ? null : String.valueOf(x));
      }
    }
    return new RecipientRow(row, string(o, "to"), string(o, "body"), vars, string(o, "name"), string(o, "timeZone"),
        parseInstant(o.getValue("sendAt")));
  }

  private static Instant parseInstant(Object value) {
    if (!(value instanceof String s)) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String string(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v == null ? null : String.valueOf(v);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
