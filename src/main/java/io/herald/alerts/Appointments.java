package io.herald.alerts;

import io.herald.contacts.ContactUpserts;
import io.herald.contacts.ContactValues;
import io.herald.errors.Refusal;
import io.herald.ingest.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Appointments as a clinic's system exports them, upserted by their external id so the same export
 * can be sent again; each client with a textable number is the account's contact with it (made
 * when there is none). A row that cannot be read is reported by index, field, value and reason;
 * the others are saved. Owns the appointments table.
 */
public final class Appointments {
  public static final int MAX_BATCH = 10_000;
  private static final String UPSERT = """
      INSERT INTO appointments (account_id, external_id, client_name, phone, phone_given, patient, start_at, provider,
                                location, status, updated_at)
      SELECT $1, * , now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                                       $8::text[], $9::text[], $10::text[])
      ON CONFLICT (account_id, external_id) DO UPDATE SET client_name = excluded.client_name, phone = excluded.phone,
        phone_given = excluded.phone_given, patient = excluded.patient, start_at = excluded.start_at,
        provider = excluded.provider, location = excluded.location, status = excluded.status, updated_at = now()""";

  private static final String RETURNING = " RETURNING (xmax = 0) AS created";

  private record Row(String externalId, String clientName, String phone, String phoneGiven, String patient, Instant startAt,
                     String provider, String location, String status) {}

  /** What a save did: appointments made, appointments changed (or given again), and the rows refused. */
  public record Saved(int created, int updated, List<Refused> refused) {
    public JsonObject toJson() {
      JsonArray rejected = new JsonArray();
      refused.forEach(r -> rejected.add(new JsonObject().put("index", r.index()).put("field", r.field())
          .put("value", r.value()).put("error", r.field() + " " + r.reason())));
      return new JsonObject().put("saved", created + updated).put("created", created).put("updated", updated)
          .put("rejected", rejected);
    }
  }

  /** A row not saved: its index in the batch, the field at fault, its value, and why ("is required"). */
  public record Refused(int index, String field, String value, String reason) {}

  private final Pool pool;
  private final ContactUpserts contacts = new ContactUpserts();

  public Appointments(Pool pool) {
    this.pool = pool;
  }

  /** The API's batch: {"appointments": [...]}. */
  public Future<JsonObject> save(long accountId, String region, ZoneId zone, JsonArray given) {
    if (given == null) {
      throw Refusal.invalid("appointments", "appointments must be a list of appointment objects", null);
    }
    if (given.size() > MAX_BATCH) {
      throw Refusal.limit("at most " + MAX_BATCH + " appointments per request: send the rest in another", "appointments",
          given.size());
    }
    List<Object> rows = new ArrayList<>();
    given.forEach(rows::add);
    return save(accountId, region, zone, rows).map(Saved::toJson);
  }

  /**
   * Saves appointments given as objects with the API's fields (a file's rows come with the same
   * keys, and may split startAt into date and time): the readable ones in one transaction.
   */
  public Future<Saved> save(long accountId, String region, ZoneId zone, List<?> given) {
    Map<String, Row> rows = new LinkedHashMap<>(); // the last of one external id wins, as a re-export would
    List<Refused> refused = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      Object o = given.get(i);
      try {
        if (!(o instanceof JsonObject a)) {
          throw new Bad("appointment", String.valueOf(o), "must be an object");
        }
        Row row = row(a, region, zone);
        rows.put(row.externalId(), row);
      } catch (Bad b) {
        refused.add(new Refused(i, b.field, b.value, b.reason));
      }
    }
    List<Row> all = new ArrayList<>(rows.values());
    int readable = given.size() - refused.size();
    if (all.isEmpty()) {
      return Future.succeededFuture(new Saved(0, 0, refused));
    }
    Tuple args = Tuple.tuple().addLong(accountId)
        .addValue(all.stream().map(Row::externalId).toArray(String[]::new))
        .addValue(all.stream().map(Row::clientName).toArray(String[]::new))
        .addValue(all.stream().map(Row::phone).toArray(String[]::new))
        .addValue(all.stream().map(Row::phoneGiven).toArray(String[]::new))
        .addValue(all.stream().map(Row::patient).toArray(String[]::new))
        .addValue(all.stream().map(r -> r.startAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))
        .addValue(all.stream().map(Row::provider).toArray(String[]::new))
        .addValue(all.stream().map(Row::location).toArray(String[]::new))
        .addValue(all.stream().map(Row::status).toArray(String[]::new));
    Map<String, ContactValues> clients = new LinkedHashMap<>();
    for (Row r : all) {
      if (r.phone() != null) {
        String[] names = r.clientName().strip().split("\\s+", 2);
        clients.put(r.phone(), new ContactValues(r.phone(), names[0].isEmpty() ? null : names[0],
            names.length > 1 ? names[1] : null, null, null, null, null));
      }
    }
    return pool.withTransaction(tx -> tx.preparedQuery(UPSERT + RETURNING).execute(args)
            .compose(upserted -> contacts.save(tx, accountId, new ArrayList<>(clients.values())).map(v -> {
              int created = 0;
              for (var r : upserted) {
                created += r.getBoolean("created") ? 1 : 0;
              }
              return new Saved(created, readable - created, refused);
            })));
  }

  private static Row row(JsonObject a, String region, ZoneId zone) {
    String id = text(a, "externalId", true, 200);
    String name = text(a, "clientName", false, 200);
    if (name == null) {
      String first = text(a, "firstName", false, 100);
      String last = text(a, "lastName", false, 100);
      name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    }
    String phoneGiven = text(a, "phone", false, 64);
    String phone = phoneGiven == null ? null : PhoneNumbers.toE164(phoneGiven, region).orElse(null);
    String status = text(a, "status", false, 20);
    status = status == null ? "booked" : status.toLowerCase(Locale.ROOT);
    if (status.equals("canceled")) {
      status = "cancelled";
    }
    if (!status.equals("booked") && !status.equals("cancelled")) {
      throw new Bad("status", a.getValue("status").toString(), "must be booked or cancelled");
    }
    return new Row(id, name, phone, phoneGiven == null ? "" : phoneGiven, text(a, "patient", false, 200),
        start(a, zone, region), text(a, "provider", false, 200), text(a, "location", false, 200), status);
  }

  /** startAt, or a date and a time. */
  private static Instant start(JsonObject a, ZoneId zone, String region) {
    String startAt = text(a, "startAt", false, 64);
    String date = text(a, "date", false, 64);
    if (startAt == null && date == null) {
      throw new Bad("startAt", null, "is required, like 2026-12-05T09:30 (or a date and a time)");
    }
    if (startAt != null) {
      try {
        return AppointmentTimes.read(startAt, zone, region);
      } catch (DateTimeException e) {
        throw new Bad("startAt", startAt, "is not a date and time like 2026-12-05T09:30");
      }
    }
    String time = text(a, "time", false, 64);
    try {
      return time == null ? AppointmentTimes.read(date, zone, region) : AppointmentTimes.read(date, time, zone, region);
    } catch (DateTimeException e) {
      boolean day = AppointmentTimes.isDate(date, region);
      if (!day) {
        throw new Bad("date", date, "is not a date like 2026-12-05 or " + AppointmentTimes.example(region));
      }
      if (time == null) {
        throw new Bad("date", date, "has no time: give the appointment's time too");
      }
      throw new Bad("time", time, "is not a time like 09:30 or 9:30 AM");
    }
  }

  private static String text(JsonObject a, String key, boolean required, int max) {
    Object v = a.getValue(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        throw new Bad(key, null, "is required");
      }
      return null;
    }
    String s = String.valueOf(v).strip();
    if (s.length() > max) {
      throw new Bad(key, s.substring(0, 40) + "…", "is longer than " + max + " characters");
    }
    return s;
  }

  /** One appointment that cannot be read; the rest of the batch is saved. */
  private static final class Bad extends RuntimeException {
    final String field;
    final String value;
    final String reason;

    Bad(String field, String value, String reason) {
      super(field + " " + reason, null, false, false);
      this.field = field;
      this.value = value;
      this.reason = reason;
    }
  }
}
