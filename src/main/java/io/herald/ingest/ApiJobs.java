package io.herald.ingest;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Principal;
import io.herald.config.ApiLimits;
import io.herald.errors.Refusal;
import io.herald.jobs.JobSpec;
import io.herald.jobs.JobStore;
import io.herald.jobs.WeeklySchedule;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEvent;
import io.vertx.core.parsetools.JsonParser;
import io.vertx.core.streams.ReadStream;
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
  private static final List<String> LANES = List.of("conversation", "alert", "bulk");
  private static final List<String> SETTINGS = List.of("name", "from", "lane", "template", "schedule", "startAt", "endAt");

  private final AccountStore accounts;
  private final Intake intake;
  private final JobStore jobs;
  private final int maxScheduleDays;
  private final ApiLimits limits;
  private final BoundedJson.Limits recipientLimits;
  /** Settings are a few short values, and a weekly schedule of days and times. */
  private final BoundedJson.Limits settingLimits = new BoundedJson.Limits(new int[] {7, 2}, new String[] {null, null},
      10_000, null);
  private final Clock clock;

  public ApiJobs(AccountStore accounts, Intake intake, JobStore jobs, int maxScheduleDays, ApiLimits limits, Clock clock) {
    this.maxScheduleDays = maxScheduleDays;
    this.limits = limits;
    this.recipientLimits = new BoundedJson.Limits(new int[] {limits.maxFieldsPerRecipient(), limits.maxVarsPerRecipient()},
        new String[] {"api.maxFieldsPerRecipient", "api.maxVarsPerRecipient"}, limits.maxValueChars(), "api.maxValueChars");
    this.accounts = accounts;
    this.intake = intake;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** The refusal of a body that says up front it is larger than the limit; null when it may be read. */
  public Refusal refusedLength(String contentLength) {
    if (contentLength != null && contentLength.matches("\\d{1,18}") && Long.parseLong(contentLength) > limits.maxRequestBytes()) {
      return LimitedBody.tooLarge(limits.maxRequestBytes(), "api.maxRequestBytes");
    }
    return null;
  }

  /** Reads the request and answers the job with accepted / rejected counts and the rejected rows. */
  public Future<JsonObject> create(Principal principal, long accountId, ReadStream<Buffer> body) {
    body.pause();
    return intake.take(accountId, taking -> new Reading(principal, taking, body).run())
        .compose(taken -> jobs.find(accountId, taken.summary().jobId()).map(job -> job.orElseThrow()
            .put("accepted", taken.summary().accepted()).put("rejected", taken.summary().rejected())
            .put("errors", taken.summary().rejectionsJson())));
  }

  /** One request being read. */
  private final class Reading {
    private final Principal principal;
    private final io.herald.accounts.Account account;
    private final Intake.Taking taking;
    private final JsonParser parser;
    private final Promise<JobWriter.Summary> done = Promise.promise();
    private final JsonObject settings = new JsonObject();
    private Future<Void> starting;
    private BoundedJson building;
    private String builtName;
    private boolean opened;
    private boolean inRecipients;
    private boolean recipientsSeen;
    private long row;
    private final Instant horizon = clock.instant().plus(java.time.Duration.ofDays(maxScheduleDays));

    Reading(Principal principal, Intake.Taking taking, ReadStream<Buffer> body) {
      this.principal = principal;
      this.account = taking.account();
      this.taking = taking;
      this.parser = JsonParser.newParser(new LimitedBody(body, limits.maxRequestBytes(), "api.maxRequestBytes"));
    }

    Future<JobWriter.Summary> run() {
      parser.exceptionHandler(e -> fail(e instanceof Refusal ? e : Refusal.invalid("request body is not valid JSON" + (read() > 0 ? " after recipient " + read() : "") + ": "
              + firstLine(e.getMessage()))));
      parser.handler(this::event);
      parser.endHandler(v -> end());
      parser.resume();
      return done.future();
    }

    /** Events come one token at a time: every value is built under the limits, never whole before they are checked. */
    private void event(JsonEvent event) {
      if (done.future().isComplete()) {
        return;
      }
      try {
        if (building != null) {
          if (building.handle(event)) {
            BoundedJson built = building;
            building = null;
            if (inRecipients) {
              recipient(built.value());
            } else {
              setting(builtName, built.value());
            }
          }
          return;
        }
        switch (event.type()) {
          case START_OBJECT -> {
            if (inRecipients) {
              startRecipient(event);
            } else if (!opened) {
              opened = true;
            } else {
              startSetting(event);
            }
          }
          case END_OBJECT -> { }
          case START_ARRAY -> {
            if (inRecipients) {
              startRecipient(event);
            } else if (!opened) {
              throw Refusal.invalid("request body must be a JSON object");
            } else if (!"recipients".equals(event.fieldName()) || recipientsSeen) {
              throw Refusal.invalid(String.valueOf(event.fieldName()), "unexpected list", null);
            } else {
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
          }
          case END_ARRAY -> inRecipients = false;
          case VALUE -> {
            if (!opened) {
              throw Refusal.invalid("request body must be a JSON object");
            }
            if (inRecipients) {
              startRecipient(event);
            } else {
              startSetting(event);
            }
          }
        }
      } catch (RuntimeException e) {
        fail(e);
      }
    }

    private void startSetting(JsonEvent event) {
      if (recipientsSeen) {
        throw Refusal.invalid(event.fieldName(), "settings go before recipients", null);
      }
      if (!SETTINGS.contains(event.fieldName())) {
        throw Refusal.invalid(event.fieldName(), "unknown field " + event.fieldName(), null);
      }
      builtName = event.fieldName();
      building = new BoundedJson(event.fieldName(), settingLimits);
      if (building.handle(event)) {
        setting(builtName, building.value());
        building = null;
      }
    }

    private void setting(String name, Object value) {
      settings.put(name, value);
    }

    private void startRecipient(JsonEvent event) {
      row++;
      if (row > limits.maxRecipients()) {
        throw Refusal.of(Refusal.Kind.LIMIT, "too many recipients: the limit is " + limits.maxRecipients()
            + " in one request (api.maxRecipients)").with("field", "recipients")
            .with("limit", "api.maxRecipients").with("value", limits.maxRecipients());
      }
      building = new BoundedJson("recipients[" + (row - 1) + "]", recipientLimits);
      if (building.handle(event)) {
        Object value = building.value();
        building = null;
        recipient(value);
      }
    }

    private void recipient(Object value) {
      if (value instanceof JsonObject o && o.getValue("sendAt") != null && parseInstant(o.getValue("sendAt")) == null) {
        taking.reject(row, "sendAt", String.valueOf(o.getValue("sendAt")), "not an ISO-8601 time like 2026-12-01T09:00:00Z");
        return;
      }
      if (!(value instanceof JsonObject)) {
        taking.reject(row, "recipient", String.valueOf(value), "a recipient is an object like {\"to\": \"+12025550143\", \"body\": \"...\"}");
        return;
      }
      RecipientRow recipient = toRow(row, value);
      if (recipient.sendAt() != null && recipient.sendAt().isAfter(horizon)) {
        taking.reject(row, "sendAt", recipient.sendAt().toString(), "sendAt is more than " + maxScheduleDays
            + " days ahead (messages.maxScheduleDays)");
        return;
      }
      Future<Void> written = taking.add(recipient);
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
        fail(Refusal.invalid("recipients", "recipients is required: a list of {to, body} or {to, vars}", null));
        return;
      }
      starting.compose(v -> taking.finish()).onComplete(ar -> {
        if (ar.succeeded()) {
          done.tryComplete(ar.result());
        } else {
          fail(ar.cause());
        }
      });
    }

    /** A limit refused: the rest of the body is not read (the answer closes the connection); otherwise it is drained so the answer can be read. */
    /** Recipients read whole: one still being built when the body broke does not count. */
    private long read() {
      return building != null && inRecipients ? row - 1 : row;
    }

    private void fail(Throwable e) {
      if (done.tryFail(e)) {
        parser.handler(null);
        if (!(e instanceof Refusal api && api.is(Refusal.Kind.LIMIT))) {
          parser.resume();
        }
      }
    }

    private Future<Void> startJob() {
      JobSpec spec;
      Template template;
      try {
        String lane = text("lane", "bulk").toLowerCase(Locale.ROOT);
        if (!LANES.contains(lane)) {
          throw Refusal.invalid("lane", "lane must be conversation, alert or bulk", lane);
        }
        String templateText = text("template", null);
        try {
          template = templateText == null ? null : Template.parse(templateText);
        } catch (IllegalArgumentException e) {
          throw Refusal.invalid("template", e.getMessage(), templateText);
        }
        WeeklySchedule schedule = null;
        if (settings.getValue("schedule") != null) {
          if (!(settings.getValue("schedule") instanceof JsonObject s)) {
            throw Refusal.invalid("schedule", "schedule must be an object like {\"mon\": [\"09:00\", \"17:00\"]}", null);
          }
          try {
            schedule = WeeklySchedule.fromJson(s);
          } catch (IllegalArgumentException e) {
            throw Refusal.invalid("schedule", e.getMessage(), null);
          }
        }
        Instant startAt = instant("startAt");
        Instant endAt = instant("endAt");
        if (startAt != null && startAt.isAfter(horizon)) {
          throw Refusal.invalid("startAt", "startAt is more than " + maxScheduleDays
              + " days ahead (messages.maxScheduleDays)", settings.getString("startAt"));
        }
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
          throw Refusal.invalid("endAt", "endAt must be after startAt", settings.getString("endAt"));
        }
        spec = new JobSpec(account.id(), "api", text("name", null), lane, text("from", null), schedule, startAt, endAt,
            principal.user());
      } catch (Refusal e) {
        return Future.failedFuture(e);
      }
      String from = spec.sender();
      return accounts.sender(account.id(), from).compose(sender -> {
        if (sender.isEmpty()) {
          return Future.failedFuture(from == null
              ? Refusal.invalid("from", "the account has no default sender; give one in from", null)
              : Refusal.invalid("from", "unknown sender", from));
        }
        JobSpec withSender = new JobSpec(spec.accountId(), spec.kind(), spec.name(), spec.lane(), sender.get().address(),
            spec.schedule(), spec.startAt(), spec.endAt(), spec.createdBy());
        return taking.open(withSender, template).<Void>mapEmpty();
      });
    }

    private String text(String key, String fallback) {
      Object value = settings.getValue(key);
      if (value == null) {
        return fallback;
      }
      if (!(value instanceof String s)) {
        throw Refusal.invalid(key, key + " must be a string", String.valueOf(value));
      }
      return s;
    }

    private Instant instant(String key) {
      String value = text(key, null);
      try {
        return value == null ? null : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw Refusal.invalid(key, key + " must be an ISO-8601 time like 2026-12-01T09:00:00Z", value);
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
    // Jackson appends where in its source it was; the body's reader has no source worth naming
    int cut = message.length();
    for (String tail : new String[] {"\n", " (start marker at", " at [Source"}) {
      int at = message.indexOf(tail);
      cut = at >= 0 ? Math.min(cut, at) : cut;
    }
    return message.substring(0, cut);
  }
}
