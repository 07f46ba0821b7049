package io.herald.accounts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.Optional;

/** SQL for accounts, users and senders. */
public final class AccountStore {
  private final Pool pool;

  public AccountStore(Pool pool) {
    this.pool = pool;
  }

  /** @param disabled whether the user's account is disabled (operators belong to none) */
  public record StoredUser(long id, Long accountId, String email, String passwordHash, Role role, boolean disabled) {
    public Principal principal() {
      return new Principal(id, accountId, email, role);
    }
  }

  /** The user whose {@link EmailKey} this is. */
  public Future<Optional<StoredUser>> userByEmailKey(String emailKey) {
    return pool.preparedQuery("""
            SELECT u.id, u.account_id, u.email, u.password_hash, u.role, a.disabled_at IS NOT NULL AS disabled
            FROM users u LEFT JOIN accounts a ON a.id = u.account_id WHERE u.email_key = $1""")
        .execute(Tuple.of(emailKey))
        .map(rows -> first(rows).map(r -> new StoredUser(
            r.getLong("id"), r.getLong("account_id"), r.getString("email"),
            r.getString("password_hash"), Role.fromDb(r.getString("role")), r.getBoolean("disabled"))));
  }

  public Future<Account> account(long id) {
    return pool.preparedQuery("SELECT id, name, default_region, time_zone FROM accounts WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(AccountStore::account)
            .orElseThrow(() -> new IllegalStateException("account " + id + " does not exist")));
  }

  /** The sender with this address, or the account's default sender when address is null. */
  public Future<Optional<Sender>> sender(long accountId, String address) {
    String sql = "SELECT id, account_id, address, kind, is_default FROM senders WHERE account_id = $1 AND "
        + (address == null ? "is_default" : "address = $2");
    Tuple args = address == null ? Tuple.of(accountId) : Tuple.of(accountId, address);
    return pool.preparedQuery(sql).execute(args).map(rows -> first(rows).map(r -> new Sender(
        r.getLong("id"), r.getLong("account_id"), r.getString("address"),
        SenderKind.fromDb(r.getString("kind")), r.getBoolean("is_default"))));
  }

  /** Accounts with a rate for the account as a whole, by id. */
  public Future<java.util.Map<Long, Double>> accountRates() {
    return pool.query("SELECT id, rate_tps::float8 AS tps FROM accounts WHERE rate_tps IS NOT NULL").execute()
        .map(rows -> {
          java.util.Map<Long, Double> rates = new java.util.HashMap<>();
          rows.forEach(r -> rates.put(r.getLong("id"), r.getDouble("tps")));
          return rates;
        });
  }

  /**
   * What dispatch needs of senders, keyed "accountId:address": the rate of those with one of their
   * own, and the SMSC connection of those routed to one.
   */
  public record SenderRules(java.util.Map<String, Double> rates, java.util.Map<String, String> routes) {}

  public Future<SenderRules> senderRules() {
    return pool.query("SELECT account_id, address, tps::float8 AS tps, smsc FROM senders"
            + " WHERE tps IS NOT NULL OR smsc IS NOT NULL").execute().map(rows -> {
      java.util.Map<String, Double> rates = new java.util.HashMap<>();
      java.util.Map<String, String> routes = new java.util.HashMap<>();
      for (Row r : rows) {
        String key = r.getLong("account_id") + ":" + r.getString("address");
        if (r.getDouble("tps") != null) {
          rates.put(key, r.getDouble("tps"));
        }
        if (r.getString("smsc") != null) {
          routes.put(key, r.getString("smsc"));
        }
      }
      return new SenderRules(rates, routes);
    });
  }


  public Future<Long> countUsers(SqlClient client) {
    return client.query("SELECT count(*) FROM users").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> insertAccount(SqlClient client, String name, String region, ZoneId zone) {
    return client.preparedQuery(
            "INSERT INTO accounts (name, default_region, time_zone) VALUES ($1, $2, $3) RETURNING id")
        .execute(Tuple.of(name, region, zone.getId()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> insertUser(SqlClient client, Long accountId, String email, String hash, Role role) {
    return client.preparedQuery(
            "INSERT INTO users (account_id, email, email_key, password_hash, role) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(accountId, email, EmailKey.of(email), hash, role.dbName()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> insertSender(SqlClient client, long accountId, String address, boolean isDefault) {
    return client.preparedQuery(
            "INSERT INTO senders (account_id, address, kind, is_default, takes_replies) VALUES ($1, $2, $3, $4, $5)"
                + " RETURNING id")
        .execute(Tuple.of(accountId, address, SenderKind.of(address).dbName(), isDefault,
            SenderKind.of(address) != SenderKind.ALPHANUMERIC))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Pool pool() {
    return pool;
  }

  private static Account account(Row r) {
    return new Account(r.getLong("id"), r.getString("name"), r.getString("default_region"),
        ZoneId.of(r.getString("time_zone")));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  /** Whether Drop &amp; Go is on for the account; empty when there is no such account. */
  public Future<Optional<Boolean>> dropEnabled(long accountId) {
    return pool.preparedQuery("SELECT drop_enabled FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .map(rows -> first(rows).map(r -> r.getBoolean(0)));
  }

  /** Turns the feature on or off; the account as operators see it, empty when there is none. */
}
