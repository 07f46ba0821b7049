package io.herald.broadcasts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The SQL of broadcasts, broadcast_recipients, broadcast_events and broadcast_settings. */
final class BroadcastStore {
  private final Pool pool;

  BroadcastStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Long> insert(long accountId, String by, BroadcastInput in, String sender) {
    return pool.preparedQuery("""
            INSERT INTO broadcasts (account_id, sms_id, sender, group_ids, phone_field, duplicates, send_at, time_zone,
                                    refresh, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""")
        .execute(Tuple.from(new Object[] {accountId, in.smsId(), sender,
            in.groupIds() == null ? null : in.groupIds().toArray(Long[]::new), in.phoneField(), in.duplicates(),
            in.sendAt() == null ? null : in.sendAt().atOffset(ZoneOffset.UTC), in.timeZone(), in.refresh(), by}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** A draft's new choices; false when it is no longer a draft. */
  Future<Boolean> update(SqlClient tx, long id, BroadcastInput in, String sender) {
    return tx.preparedQuery("""
            UPDATE broadcasts SET sms_id = $2, sender = $3, group_ids = $4, phone_field = $5, duplicates = $6, send_at = $7,
                   time_zone = $8, refresh = $9, counts = NULL, checks = NULL
            WHERE id = $1 AND status = 'draft'""")
        .execute(Tuple.from(new Object[] {id, in.smsId(), sender,
            in.groupIds() == null ? null : in.groupIds().toArray(Long[]::new), in.phoneField(), in.duplicates(),
            in.sendAt() == null ? null : in.sendAt().atOffset(ZoneOffset.UTC), in.timeZone(), in.refresh()}))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Broadcast> find(SqlClient client, long accountId, long id) {
    return client.preparedQuery("SELECT " + Broadcast.COLUMNS + " FROM broadcasts WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("broadcast"))
            : Future.succeededFuture(Broadcast.of(rows.iterator().next())));
  }

  Future<List<Broadcast>> list(long accountId) {
    return pool.preparedQuery("SELECT " + Broadcast.COLUMNS + " FROM broadcasts WHERE account_id = $1 ORDER BY id DESC LIMIT 200")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          List<Broadcast> list = new ArrayList<>();
          rows.forEach(r -> list.add(Broadcast.of(r)));
          return list;
        });
  }

  /** Moves the broadcast from one of the given statuses; false when it was in none of them (someone else moved it). */
  Future<Boolean> move(SqlClient client, long id, List<String> from, String to, String sets, Object... args) {
    List<Object> params = new ArrayList<>(List.of(id, from.toArray(String[]::new), to));
    params.addAll(List.of(args));
    return client.preparedQuery("UPDATE broadcasts SET status = $3" + (sets.isEmpty() ? "" : ", " + sets)
            + " WHERE id = $1 AND status = ANY($2)")
        .execute(Tuple.from(params)).map(rows -> rows.rowCount() == 1);
  }

  /** Takes an approved or due broadcast for sending; false when it is not, or another send holds it. */
  Future<Boolean> claim(SqlClient tx, long id) {
    return tx.preparedQuery("UPDATE broadcasts SET status = 'sending' WHERE id = (SELECT id FROM broadcasts WHERE id = $1"
            + " AND status IN ('approved', 'scheduled') FOR UPDATE SKIP LOCKED)")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> saveCounts(long id, JsonObject counts, JsonObject checks) {
    return pool.preparedQuery("UPDATE broadcasts SET counts = $2, checks = coalesce($3, checks) WHERE id = $1 AND status = 'draft'")
        .execute(Tuple.of(id, counts, checks)).mapEmpty();
  }

  Future<Void> event(SqlClient client, long id, String actor, String action, String detail) {
    return client.preparedQuery("INSERT INTO broadcast_events (broadcast_id, actor, action, detail) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(id, actor, action, detail)).mapEmpty();
  }

  Future<JsonArray> events(long id) {
    return pool.preparedQuery("SELECT at, actor, action, detail FROM broadcast_events WHERE broadcast_id = $1 ORDER BY at, ctid")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(new JsonObject().put("at", r.getOffsetDateTime("at").toInstant().toString())
              .put("by", r.getString("actor")).put("action", r.getString("action")).put("detail", r.getString("detail"))));
          return list;
        });
  }

  /** Freezes the recipients with their texts, in one statement. */
  Future<Void> freeze(SqlClient client, long id, List<Recipients.Recipient> recipients) {
    return client.preparedQuery("DELETE FROM broadcast_recipients WHERE broadcast_id = $1").execute(Tuple.of(id))
        .compose(v -> recipients.isEmpty() ? Future.succeededFuture() : client.preparedQuery("""
                INSERT INTO broadcast_recipients (broadcast_id, contact_id, phone, body)
                SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])""")
            .execute(Tuple.of(id, recipients.stream().map(Recipients.Recipient::contactId).toArray(Long[]::new),
                recipients.stream().map(Recipients.Recipient::phone).toArray(String[]::new),
                recipients.stream().map(Recipients.Recipient::text).toArray(String[]::new))))
        .mapEmpty();
  }

  Future<List<Recipients.Recipient>> frozen(long id) {
    return pool.preparedQuery("SELECT contact_id, phone, body FROM broadcast_recipients WHERE broadcast_id = $1 ORDER BY contact_id")
        .execute(Tuple.of(id))
        .map(rows -> {
          List<Recipients.Recipient> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Recipients.Recipient(r.getLong(0), r.getString(1), r.getString(2), null)));
          return list;
        });
  }

  /** Approved broadcasts, and scheduled ones whose time has come: to be sent (the send claims each). */
  Future<List<long[]>> due(Instant now) {
    return pool.preparedQuery("SELECT account_id, id FROM broadcasts WHERE status = 'approved'"
            + " OR (status = 'scheduled' AND send_at <= $1) ORDER BY id")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          List<long[]> due = new ArrayList<>();
          rows.forEach(r -> due.add(new long[] {r.getLong(0), r.getLong(1)}));
          return due;
        });
  }

  /** Fails with the reason when the operator has not turned broadcasts on for the account. */
  Future<Void> enabled(long accountId) {
    return pool.preparedQuery("SELECT broadcasts FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .compose(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0) ? Future.succeededFuture()
            : Future.failedFuture(Refusal.forbidden("Broadcasts are not turned on for this account: ask your Herald"
                + " operator to turn them on")));
  }

  Future<Compliance.Settings> settings(long accountId) {
    return pool.preparedQuery("SELECT four_eyes, quiet_until, quiet_from, price_per_segment FROM broadcast_settings"
            + " WHERE account_id = $1").execute(Tuple.of(accountId))
        .map(rows -> {
          if (rows.size() == 0) {
            return new Compliance.Settings(false, LocalTime.of(8, 0), LocalTime.of(21, 0), null);
          }
          var r = rows.iterator().next();
          return new Compliance.Settings(r.getBoolean(0), r.getLocalTime(1), r.getLocalTime(2), r.getBigDecimal(3) == null
              ? null : new BigDecimal(r.getBigDecimal(3).toString()));
        });
  }

  Future<Void> saveSettings(long accountId, Compliance.Settings s) {
    return pool.preparedQuery("""
            INSERT INTO broadcast_settings (account_id, four_eyes, quiet_until, quiet_from, price_per_segment)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (account_id) DO UPDATE SET four_eyes = excluded.four_eyes, quiet_until = excluded.quiet_until,
              quiet_from = excluded.quiet_from, price_per_segment = excluded.price_per_segment""")
        .execute(Tuple.of(accountId, s.fourEyes(), s.hoursFrom(), s.hoursTo(), s.pricePerSegment()))
        .mapEmpty();
  }
}
