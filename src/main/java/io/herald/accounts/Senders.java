package io.herald.accounts;

import io.herald.errors.Refusal;
import io.herald.smsc.encoding.Encoding;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses an account's texts go from. A number belongs to one account only, except a short
 * code operators mark shared; the sharing rule is checked under a lock on the address, so two
 * accounts adding the same number at once cannot both get it.
 */
public final class Senders {
  public static final double MAX_TPS = 100_000;
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
  private static final String COLUMNS = """
      id, account_id, address, kind, takes_replies, tps::float8 AS tps, smsc, is_default, shared, created_at""";

  private final Pool pool;
  private final Set<String> smscNames;

  /** @param smscNames the configured SMSC connections a sender may be routed to */
  public Senders(Pool pool, Set<String> smscNames) {
    this.pool = pool;
    this.smscNames = smscNames;
  }

  public Future<List<SenderSettings>> list(long accountId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM senders WHERE account_id = $1 ORDER BY id")
        .execute(Tuple.of(accountId)).map(Senders::all);
  }

  /** A new sender; operators alone may share a short code or route a sender to an SMSC. */
  public Future<SenderSettings> create(long accountId, SenderChange c, boolean operator) {
    if (c.address() == null || c.address().isBlank()) {
      return Future.failedFuture(Refusal.invalid("address", "address is required", null));
    }
    String address = c.address().strip();
    SenderKind kind;
    try {
      kind = kind(address);
      checked(kind, c, operator);
    } catch (Refusal r) {
      return Future.failedFuture(r);
    }
    boolean replies = c.takesReplies() == null ? kind != SenderKind.ALPHANUMERIC : c.takesReplies();
    boolean shared = Boolean.TRUE.equals(c.shared());
    return pool.withTransaction(tx -> lock(tx, address)
        .compose(v -> tx.preparedQuery("SELECT account_id, shared FROM senders WHERE address = $1")
            .execute(Tuple.of(address)))
        .compose(holders -> {
          for (Row h : holders) {
            if (h.getLong("account_id") == accountId) {
              return Future.failedFuture(Refusal.conflict(address + " is already a sender of this account")
                  .with("field", "address").with("value", address));
            }
            if (!shared || !h.getBoolean("shared")) {
              return Future.failedFuture(Refusal.conflict(address + " belongs to another account"
                  + (kind == SenderKind.SHORT_CODE ? " (an operator can share a short code between accounts)" : ""))
                  .with("field", "address").with("value", address));
            }
          }
          return tx.preparedQuery("""
                  INSERT INTO senders (account_id, address, kind, takes_replies, tps, smsc, shared, is_default)
                  VALUES ($1, $2, $3, $4, $5::float8, $6, $7,
                          NOT EXISTS (SELECT 1 FROM senders WHERE account_id = $1 AND is_default))
                  RETURNING id, is_default""")
              .execute(Tuple.of(accountId, address, kind.dbName(), replies, c.tps(), c.smsc(), shared));
        })
        .compose(rows -> {
          Row r = rows.iterator().next();
          long id = r.getLong("id");
          return Boolean.TRUE.equals(c.isDefault()) && !r.getBoolean("is_default")
              ? makeDefault(tx, accountId, id).map(id) : Future.succeededFuture(id);
        })
        .compose(id -> one(tx, accountId, id)));
  }

  /** The changed sender; its address stays (a new address is a new sender). */
  public Future<SenderSettings> change(long accountId, long id, SenderChange c, boolean operator) {
    if (c.address() != null) {
      return Future.failedFuture(Refusal.invalid("address",
          "a sender's address cannot change: add the new address as a sender, then delete this one", c.address()));
    }
    if (Boolean.FALSE.equals(c.isDefault())) {
      return Future.failedFuture(Refusal.invalid("isDefault",
          "an account always has a default sender: make another sender the default instead", false));
    }
    return pool.withTransaction(tx -> one(tx, accountId, id)
        .compose(current -> {
          try {
            checked(current.kind(), c, operator);
          } catch (Refusal r) {
            return Future.failedFuture(r);
          }
          return tx.preparedQuery("""
                  UPDATE senders SET takes_replies = coalesce($3::boolean, takes_replies),
                         tps = CASE WHEN $5::boolean THEN NULL ELSE coalesce($4::float8, tps::float8) END,
                         smsc = CASE WHEN $7::boolean THEN NULL ELSE coalesce($6::text, smsc) END,
                         shared = coalesce($8::boolean, shared)
                  WHERE account_id = $1 AND id = $2""")
              .execute(Tuple.tuple().addLong(accountId).addLong(id).addBoolean(c.takesReplies()).addDouble(c.tps())
                  .addBoolean(c.clearTps()).addString(c.smsc()).addBoolean(c.clearSmsc()).addBoolean(c.shared()));
        })
        .compose(v -> Boolean.TRUE.equals(c.isDefault()) ? makeDefault(tx, accountId, id) : Future.succeededFuture())
        .compose(v -> one(tx, accountId, id)));
  }

  public Future<Void> delete(long accountId, long id) {
    return pool.withTransaction(tx -> one(tx, accountId, id).compose(s -> s.isDefault()
        ? Future.failedFuture(Refusal.conflict("the default sender cannot be deleted: make another sender the"
            + " default first"))
        : tx.preparedQuery("DELETE FROM senders WHERE account_id = $1 AND id = $2").execute(Tuple.of(accountId, id))
            .<Void>mapEmpty()))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23503".equals(pg.getSqlState())
            ? Refusal.conflict("this sender is named by jobs, which keep it") : e));
  }

  /** The kind the address is, or why it is none: E.164 long code, 3 to 8 digit short code, alphanumeric. */
  static SenderKind kind(String address) {
    if (E164.matcher(address).matches()) {
      return SenderKind.LONG_CODE;
    }
    if (SHORT_CODE.matcher(address).matches()) {
      return SenderKind.SHORT_CODE;
    }
    if (address.chars().allMatch(ch -> ch == '+' || Character.isDigit(ch) || ch == ' ' || ch == '-')) {
      throw Refusal.invalid("address", "a long code is written in E.164: + and the country code, then 7 to 14"
          + " digits, such as +12025550100; a short code is 3 to 8 digits", address);
    }
    if (address.length() > 11 || TextEncoder.encode(address).encoding() != Encoding.GSM7
        || !address.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || " .-&_".indexOf(ch) >= 0)) {
      throw Refusal.invalid("address", "an alphanumeric sender is 1 to 11 letters, digits, spaces or . - & _"
          + " of the GSM alphabet", address);
    }
    return SenderKind.ALPHANUMERIC;
  }

  private void checked(SenderKind kind, SenderChange c, boolean operator) {
    if (kind == SenderKind.ALPHANUMERIC && Boolean.TRUE.equals(c.takesReplies())) {
      throw Refusal.invalid("takesReplies", "an alphanumeric sender cannot take replies: phones cannot answer a"
          + " name", true);
    }
    if (c.shared() != null && !operator) {
      throw Refusal.forbidden("only operators share a short code between accounts").with("field", "shared");
    }
    if (Boolean.TRUE.equals(c.shared()) && kind != SenderKind.SHORT_CODE) {
      throw Refusal.invalid("shared", "only a short code can be shared between accounts", true);
    }
    if ((c.smsc() != null || c.clearSmsc()) && !operator) {
      throw Refusal.forbidden("only operators route a sender to an SMSC connection").with("field", "smsc");
    }
    if (c.smsc() != null && !smscNames.contains(c.smsc())) {
      throw Refusal.invalid("smsc", "smsc must name a configured SMSC connection: " + String.join(", ",
          new java.util.TreeSet<>(smscNames)), c.smsc());
    }
    if (c.tps() != null && !(c.tps() > 0 && c.tps() <= MAX_TPS)) {
      throw Refusal.invalid("tps", "tps must be a number of messages per second above 0 and at most "
          + (long) MAX_TPS + ", or null for no rate of its own", c.tps());
    }
  }

  private static Future<Void> makeDefault(SqlClient tx, long accountId, long id) {
    return tx.preparedQuery("UPDATE senders SET is_default = false WHERE account_id = $1 AND is_default AND id <> $2")
        .execute(Tuple.of(accountId, id))
        .compose(v -> tx.preparedQuery("UPDATE senders SET is_default = true WHERE account_id = $1 AND id = $2")
            .execute(Tuple.of(accountId, id)))
        .mapEmpty();
  }

  private static Future<SenderSettings> one(SqlClient client, long accountId, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM senders WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("sender"))
            : Future.succeededFuture(all(rows).get(0)));
  }

  private static Future<Void> lock(SqlClient tx, String address) {
    // 0x5344 ("SD"): this table's advisory lock class
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(21316, hashtext($1))").execute(Tuple.of(address)).mapEmpty();
  }

  private static List<SenderSettings> all(RowSet<Row> rows) {
    List<SenderSettings> list = new ArrayList<>(rows.size());
    for (Row r : rows) {
      list.add(new SenderSettings(r.getLong("id"), r.getLong("account_id"), r.getString("address"),
          SenderKind.fromDb(r.getString("kind")), r.getBoolean("takes_replies"), r.getDouble("tps"),
          r.getString("smsc"), r.getBoolean("is_default"), r.getBoolean("shared"),
          r.getOffsetDateTime("created_at").toInstant()));
    }
    return list;
  }
}
