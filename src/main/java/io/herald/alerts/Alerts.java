package io.herald.alerts;

import io.herald.accounts.SenderSettings;
import io.herald.accounts.Senders;
import io.herald.contacts.Suppressions;
import io.herald.errors.Refusal;
import io.herald.ingest.Intake;
import io.herald.ingest.RecipientRow;
import io.herald.jobs.JobSpec;
import io.herald.jobs.JobStore;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Mass text alerts: one informational text to each client with an appointment in a range, through
 * the intake as a job in the alert lane, paced at the account's texts a minute (else the server's) so conversations keep their
 * turn (each text's earliest send time is spaced out when it is written, so the pace holds across
 * restarts and nodes). Admins of accounts with two-way texting only. Owns alerts and alert_exclusions.
 */
public final class Alerts {
  static final List<String> REPORT = List.of("Client Full Name", "Client Phone Number", "SMS Status", "Error Details",
      "Message Text", "Timestamp");
  private final Pool pool;
  private final Intake intake;
  private final JobStore jobs;
  private final Senders senders;
  private final Suppressions suppressions;
  private final AlertClients clients;
  private final int maxParts;
  private final int perMinute;
  private final Clock clock;

  public Alerts(Pool pool, Intake intake, JobStore jobs, Senders senders, Suppressions suppressions, int maxParts,
                int perMinute, Clock clock) {
    this.pool = pool;
    this.intake = intake;
    this.jobs = jobs;
    this.senders = senders;
    this.suppressions = suppressions;
    this.clients = new AlertClients(pool);
    this.maxParts = maxParts;
    this.perMinute = perMinute;
    this.clock = clock;
  }

  public JsonObject check(String body) {
    String text = body == null ? "" : body;
    EncodedText encoded = TextEncoder.encode(text);
    int perPart = encoded.encoding().name().equals("GSM7") ? (encoded.segments() > 1 ? 153 : 160)
        : (encoded.segments() > 1 ? 67 : 70);
    int parts = Math.max(1, encoded.segments());
    return new JsonObject().put("characters", encoded.units()).put("encoding", encoded.encoding().name())
        .put("parts", encoded.segments()).put("remaining", Math.max(0, perPart * parts - encoded.units()))
        .put("maxParts", maxParts);
  }

  public Future<JsonObject> preview(long accountId, JsonObject body) {
    return allowed(accountId).compose(account -> {
      Instant now = clock.instant();
      AlertRange range = AlertRange.of(body.getValue("from"), body.getValue("to"), account.zone(), now);
      return clients.in(accountId, range.effectiveFrom(now), range.to()).compose(found -> suppressions
          .suppressed(pool, accountId, found.textable().stream().map(AlertClients.Client::phone).toList())
          .map(optedOut -> new JsonObject().put("from", range.from().toString()).put("to", range.to().toString())
              .put("recipients", found.textable().size() - optedOut.size()).put("appointments", found.appointments())
              .put("firstAppointment", found.first() == null ? null : found.first().toString())
              .put("lastAppointment", found.last() == null ? null : found.last().toString())
              .put("optedOut", optedOut.size())
              .put("unreachable", new JsonArray(found.unreachable().stream().map(c -> new JsonObject()
                  .put("clientName", c.name()).put("phone", c.phone()).put("reason", "no number that can be texted"))
                  .toList()))));
    });
  }

  public Future<JsonObject> send(long accountId, String by, JsonObject body) {
    String text = body.getValue("body") instanceof String s ? s : null;
    if (text == null || text.isBlank()) {
      throw Refusal.invalid("body", "body is empty: type the message to send", null);
    }
    EncodedText encoded = TextEncoder.encode(text);
    if (encoded.segments() > maxParts) {
      throw Refusal.invalid("body", "body is too long: " + encoded.segments() + " parts of " + encoded.encoding()
          + ", the maximum is " + maxParts, null);
    }
    return allowed(accountId).compose(account -> {
      Instant now = clock.instant();
      AlertRange range = AlertRange.of(body.getValue("from"), body.getValue("to"), account.zone(), now);
      return Future.all(clients.in(accountId, range.effectiveFrom(now), range.to()), replyingSender(accountId))
          .compose(both -> {
            AlertClients.Found found = both.resultAt(0);
            if (found.textable().isEmpty()) {
              throw Refusal.conflict("no client has an appointment in this range");
            }
            return take(accountId, by, range, text, both.resultAt(1), found, now, account.perMinute());
          });
    }).compose(id -> get(accountId, id));
  }

  private Future<Long> take(long accountId, String by, AlertRange range, String text, String sender,
                            AlertClients.Found found, Instant now, int perMinute) {
    JobSpec spec = new JobSpec(accountId, "alert", "Mass text alert " + range.from() + " – " + range.to(), "alert", sender,
        null, null, null, null);
    long spacingMillis = 60_000L / perMinute;
    return intake.take(accountId, taking -> taking.open(spec, null).compose(jobId -> {
      Future<Void> added = Future.succeededFuture();
      int i = 0;
      for (AlertClients.Client c : found.textable()) {
        Instant at = now.plusMillis(spacingMillis * i);
        long row = ++i;
        added = added.compose(v -> taking.add(new RecipientRow(row, c.phone(), text, null,
            c.name().isEmpty() ? null : c.name(), null, at, true)));
      }
      return added.compose(v -> taking.finish()).compose(summary -> {
        if (summary.accepted() == 0) { // every client in the range opted out: nothing is kept
          return Future.failedFuture(Refusal.conflict("every client with an appointment in this range has opted out"));
        }
        List<Tuple> excluded = new ArrayList<>();
        summary.rejections().forEach(r -> {
          AlertClients.Client c = found.textable().get((int) r.row() - 1);
          excluded.add(Tuple.of(c.name(), c.phone(), r.reason()));
        });
        found.unreachable().forEach(c -> excluded.add(Tuple.of(c.name(), c.phone(), "no number that can be texted")));
        return taking.tx().preparedQuery("""
                INSERT INTO alerts (account_id, job_id, range_from, range_to, body, recipients, skipped, unreachable,
                                    per_minute, created_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""")
            .execute(Tuple.from(new Object[] {accountId, jobId, range.from().atOffset(ZoneOffset.UTC),
                range.to().atOffset(ZoneOffset.UTC), text, (int) summary.accepted(), (int) summary.rejected(),
                found.unreachable().size(), perMinute, by}))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(alertId -> excluded.isEmpty() ? Future.succeededFuture(alertId)
                : taking.tx().preparedQuery("INSERT INTO alert_exclusions (alert_id, client_name, phone, reason)"
                        + " VALUES ($1, $2, $3, $4)")
                    .executeBatch(excluded.stream().map(t -> Tuple.of(alertId, t.getString(0), t.getString(1),
                        t.getString(2))).toList())
                    .map(alertId));
      });
    })).map(Intake.Taken::value);
  }

  public Future<JsonArray> list(long accountId) {
    return views(accountId, null).map(JsonArray::new);
  }

  public Future<JsonObject> get(long accountId, long id) {
    return views(accountId, id).map(list -> {
      if (list.isEmpty()) {
        throw Refusal.notFound("alert");
      }
      return list.get(0);
    });
  }

  /** The report: every texted client's outcome, then the clients it did not text and why. */
  public Future<Void> report(long accountId, long id, WriteStream<Buffer> out) {
    return get(accountId, id).compose(alert -> jobs.report(accountId, alert.getLong("jobId"), false, REPORT, out))
        .compose(v -> pool.preparedQuery("SELECT client_name, phone, reason FROM alert_exclusions WHERE alert_id = $1")
            .execute(Tuple.of(id)))
        .compose(rows -> {
          StringBuilder csv = new StringBuilder();
          rows.forEach(r -> csv.append(io.herald.api.Csv.line(java.util.Arrays.asList(r.getString("client_name"),
              r.getString("phone"), "skipped", r.getString("reason"), "", ""))));
          return csv.isEmpty() ? Future.<Void>succeededFuture() : out.write(Buffer.buffer(csv.toString()));
        });
  }

  private Future<List<JsonObject>> views(long accountId, Long id) {
    return pool.preparedQuery("""
            SELECT id, job_id, range_from, range_to, body, recipients, skipped, unreachable, per_minute, created_by, created_at
            FROM alerts WHERE account_id = $1 AND ($2::bigint IS NULL OR id = $2) ORDER BY id DESC LIMIT 100""")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> {
          List<JsonObject> alerts = new ArrayList<>();
          rows.forEach(r -> alerts.add(new JsonObject().put("id", r.getLong("id")).put("jobId", r.getLong("job_id"))
              .put("from", r.getOffsetDateTime("range_from").toInstant().toString())
              .put("to", r.getOffsetDateTime("range_to").toInstant().toString()).put("body", r.getString("body"))
              .put("recipients", r.getInteger("recipients")).put("skipped", r.getInteger("skipped"))
              .put("unreachable", r.getInteger("unreachable")).put("pacePerMinute", r.getInteger("per_minute"))
              .put("createdBy", r.getString("created_by"))
              .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
              .put("report", "/api/v1/alerts/" + r.getLong("id") + "/report.csv")));
          return jobs.byIds(alerts.stream().map(a -> a.getLong("jobId")).toList())
              .map(found -> {
                alerts.forEach(a -> found.stream().filter(j -> j.getLong("id").equals(a.getLong("jobId"))).findFirst()
                    .ifPresent(job -> io.herald.jobs.JobLine.apply(a, job)));
                return alerts;
              });
        });
  }

  /** What an alert of this account goes by: its time zone, and its pace (its own or the server's). */
  private record AccountFacts(ZoneId zone, int perMinute) {}

  /** The account's facts, once it may send alerts: the product and two-way texting on. */
  private Future<AccountFacts> allowed(long accountId) {
    return pool.preparedQuery("SELECT alerts, two_way, time_zone, alert_per_minute FROM accounts WHERE id = $1")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          var r = rows.iterator().next();
          if (!r.getBoolean("alerts")) {
            throw Refusal.forbidden("Mass text alerts are not turned on for this account: ask your Herald operator to "
                + "turn them on");
          }
          if (!r.getBoolean("two_way")) {
            throw Refusal.conflict("Mass text alerts need two-way texting: ask your Herald operator to turn it on for "
                + "this account");
          }
          Integer own = r.getInteger("alert_per_minute");
          return new AccountFacts(ZoneId.of(r.getString("time_zone")), own == null ? perMinute : own);
        });
  }

  /** The number replies come back to: the default sender when it takes replies, else the first that does. */
  private Future<String> replyingSender(long accountId) {
    return senders.list(accountId).map(list -> list.stream().filter(SenderSettings::takesReplies)
        .sorted((a, b) -> Boolean.compare(b.isDefault(), a.isDefault())).findFirst()
        .map(SenderSettings::address)
        .orElseThrow(() -> Refusal.conflict("no sender of this account takes replies: add the clinic's number under "
            + "Settings → Senders first")));
  }
}
