package io.herald.accounts;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Accounts as operators create, list and change them. */
public final class Accounts {
  public static final int MAX_NAME_CHARS = 200;
  public static final double MAX_RATE_TPS = 100_000;
  public static final int MAX_LIST_RECIPIENTS = 1_000_000;
  /** The bounds of an account's retention (the column's check says the same). */
  public static final int MIN_RETENTION_DAYS = 7;
  public static final int MAX_RETENTION_DAYS = 3660;
  private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();
  private static final String COLUMNS = """
      id, name, default_region, time_zone, drop_enabled, two_way, alerts, campaigns, broadcasts,
      rate_tps::float8 AS rate_tps, max_list_recipients, alert_per_minute, retention_days, disabled_at, created_at""";
  private static final String INSERT = """
      INSERT INTO accounts (name, default_region, time_zone, drop_enabled, two_way, alerts, campaigns, broadcasts,
                            rate_tps, max_list_recipients, disabled_at, alert_per_minute, retention_days)
      VALUES ($1, coalesce($2::text, 'US'), coalesce($3::text, 'UTC'), coalesce($4::boolean, false),
              coalesce($5::boolean, false), coalesce($6::boolean, false), coalesce($7::boolean, false),
              coalesce($8::boolean, false), $9::float8, coalesce($10::integer, 3500), CASE WHEN $11::boolean THEN now() END,
              $12::integer, coalesce($13::integer, 400))
      RETURNING """ + " " + COLUMNS;
  private static final String UPDATE = """
      UPDATE accounts SET name = coalesce($2::text, name), default_region = coalesce($3::text, default_region),
             time_zone = coalesce($4::text, time_zone), drop_enabled = coalesce($5::boolean, drop_enabled),
             two_way = coalesce($6::boolean, two_way), alerts = coalesce($7::boolean, alerts),
             campaigns = coalesce($8::boolean, campaigns), broadcasts = coalesce($9::boolean, broadcasts),
             rate_tps = CASE WHEN $11::boolean THEN NULL ELSE coalesce($10::float8, rate_tps::float8) END,
             max_list_recipients = coalesce($12::integer, max_list_recipients),
             retention_days = coalesce($16::integer, retention_days),
             alert_per_minute = CASE WHEN $15::boolean THEN NULL ELSE coalesce($14::integer, alert_per_minute) END,
             disabled_at = CASE WHEN $13::boolean IS NULL THEN disabled_at
                                WHEN $13::boolean THEN coalesce(disabled_at, now()) END
      WHERE id = $1
      RETURNING """ + " " + COLUMNS;

  private final Pool pool;

  public Accounts(Pool pool) {
    this.pool = pool;
  }

  public Future<List<AccountSettings>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM accounts ORDER BY id").execute().map(Accounts::all);
  }

  public Future<Optional<AccountSettings>> one(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  /** A new account: a name is required, everything else has its default. */
  public Future<AccountSettings> create(AccountChange c) {
    if (c.name() == null) {
      return Future.failedFuture(Refusal.invalid("name", "name is required", null));
    }
    return checked(c).compose(v -> pool.preparedQuery(INSERT).execute(Tuple.of(c.name().strip(), c.region(),
            c.timeZone(), c.dropAndGo(), c.twoWay(), c.alerts(), c.campaigns(), c.broadcasts(), c.rateTps(),
            c.maxListRecipients(), Boolean.TRUE.equals(c.disabled()), c.alertsPerMinute(), c.retentionDays())))
        .recover(e -> Future.failedFuture(taken(e, c.name())))
        .map(rows -> all(rows).get(0));
  }

  /** The changed account, or empty when there is none with this id. */
  public Future<Optional<AccountSettings>> change(long id, AccountChange c) {
    return checked(c).compose(v -> pool.preparedQuery(UPDATE).execute(Tuple.tuple().addLong(id)
            .addString(c.name() == null ? null : c.name().strip()).addString(c.region()).addString(c.timeZone())
            .addBoolean(c.dropAndGo()).addBoolean(c.twoWay()).addBoolean(c.alerts()).addBoolean(c.campaigns())
            .addBoolean(c.broadcasts()).addDouble(c.rateTps()).addBoolean(c.clearRate())
            .addInteger(c.maxListRecipients()).addBoolean(c.disabled()).addInteger(c.alertsPerMinute())
            .addBoolean(c.clearAlertsPace()).addInteger(c.retentionDays())))
        .recover(e -> Future.failedFuture(taken(e, c.name())))
        .map(rows -> all(rows).stream().findFirst());
  }

  private static Future<Void> checked(AccountChange c) {
    if (c.name() != null && (c.name().isBlank() || c.name().strip().length() > MAX_NAME_CHARS)) {
      return Future.failedFuture(Refusal.invalid("name", "name must be 1 to " + MAX_NAME_CHARS + " characters",
          c.name()));
    }
    if (c.region() != null && !REGIONS.contains(c.region())) {
      return Future.failedFuture(Refusal.invalid("region",
          "region must be a country's two-letter code in capitals (ISO 3166), such as US or GB", c.region()));
    }
    if (c.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(c.timeZone())) {
      return Future.failedFuture(Refusal.invalid("timeZone",
          "timeZone must be a time zone database name, such as America/New_York", c.timeZone()));
    }
    if (c.rateTps() != null && !(c.rateTps() > 0 && c.rateTps() <= MAX_RATE_TPS)) {
      return Future.failedFuture(Refusal.invalid("rateTps",
          "rateTps must be a number of messages per second above 0 and at most " + (long) MAX_RATE_TPS
              + ", or null for no cap", c.rateTps()));
    }
    if (c.maxListRecipients() != null && (c.maxListRecipients() < 1 || c.maxListRecipients() > MAX_LIST_RECIPIENTS)) {
      return Future.failedFuture(Refusal.invalid("maxListRecipients",
          "maxListRecipients must be a whole number from 1 to " + MAX_LIST_RECIPIENTS, c.maxListRecipients()));
    }
    if (c.alertsPerMinute() != null && (c.alertsPerMinute() < 1 || c.alertsPerMinute() > 60_000)) {
      return Future.failedFuture(Refusal.invalid("alertsPerMinute",
          "alertsPerMinute must be a whole number of texts a minute from 1 to 60000, or null for the server's default",
          c.alertsPerMinute()));
    }
    if (c.retentionDays() != null
        && (c.retentionDays() < MIN_RETENTION_DAYS || c.retentionDays() > MAX_RETENTION_DAYS)) {
      return Future.failedFuture(Refusal.invalid("retentionDays", "retentionDays must be a whole number of days from "
          + MIN_RETENTION_DAYS + " to " + MAX_RETENTION_DAYS, c.retentionDays()));
    }
    return Future.succeededFuture();
  }

  private static Throwable taken(Throwable e, String name) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Refusal.conflict("an account named '" + name.strip() + "' already exists").with("field", "name")
            .with("value", name.strip())
        : e;
  }

  private static List<AccountSettings> all(RowSet<Row> rows) {
    List<AccountSettings> list = new ArrayList<>(rows.size());
    for (Row r : rows) {
      var disabled = r.getOffsetDateTime("disabled_at");
      list.add(new AccountSettings(r.getLong("id"), r.getString("name"), r.getString("default_region"),
          ZoneId.of(r.getString("time_zone")), r.getBoolean("drop_enabled"), r.getBoolean("two_way"),
          r.getBoolean("alerts"), r.getBoolean("campaigns"), r.getBoolean("broadcasts"), r.getDouble("rate_tps"),
          r.getInteger("max_list_recipients"), r.getInteger("alert_per_minute"), r.getInteger("retention_days"),
          disabled == null ? null : disabled.toInstant(),
          r.getOffsetDateTime("created_at").toInstant()));
    }
    return list;
  }
}
