package io.herald.accounts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Account admins' named keys for programs ({@code Authorization: Bearer ...}): made with a role,
 * shown once, kept as a SHA-256 hash, listed with their last use, revoked at once. A key of a
 * disabled account stops with it.
 */
public final class ApiKeys {
  public static final String PREFIX = "hk_";
  public static final int MAX_NAME_CHARS = 100;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, account_id, name, role, prefix, created_by, created_at, last_used_at,"
      + " revoked_at";

  private final Pool pool;

  public ApiKeys(Pool pool) {
    this.pool = pool;
  }

  /** A new key and its secret, which is not kept and cannot be shown again. */
  public record Made(ApiKey key, String secret) {}

  public Future<Made> create(long accountId, String name, String role, Principal by) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_CHARS) {
      return Future.failedFuture(Refusal.invalid("name", "name must be 1 to " + MAX_NAME_CHARS
          + " characters: what the key is for, such as \"Booking system\"", name));
    }
    if (!"user".equals(role) && !"admin".equals(role)) {
      return Future.failedFuture(Refusal.invalid("role", "role must be user or admin", role));
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return pool.preparedQuery("INSERT INTO api_keys (account_id, name, role, key_hash, prefix, created_by)"
            + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
        .execute(Tuple.of(accountId, name.strip(), role, Buffer.buffer(hash(secret)), secret.substring(0, 10), by.email()))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Refusal.conflict("a key named '" + name.strip() + "' already exists: revoke it or choose another name")
                .with("field", "name").with("value", name.strip()) : e))
        .map(rows -> new Made(all(rows).get(0), secret));
  }

  /** The account's keys, live ones first, newest first. */
  public Future<List<ApiKey>> list(long accountId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE account_id = $1"
            + " ORDER BY revoked_at IS NOT NULL, id DESC")
        .execute(Tuple.of(accountId)).map(ApiKeys::all);
  }

  /** Revoked from the next request on. */
  public Future<ApiKey> revoke(long accountId, long id) {
    return pool.preparedQuery("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())"
            + " WHERE account_id = $1 AND id = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(accountId, id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("API key"))
            : Future.succeededFuture(all(rows).get(0)));
  }

  /**
   * Who calls with this key: empty when it is unknown, revoked, or its account is disabled. The last
   * use is written at most once a minute per key, so a busy program does not write on every call.
   */
  public Future<Optional<Principal>> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("""
            WITH found AS (
              SELECT k.id, k.account_id, k.name, k.role, k.last_used_at FROM api_keys k
              JOIN accounts a ON a.id = k.account_id
              WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND a.disabled_at IS NULL),
            used AS (
              UPDATE api_keys SET last_used_at = now() WHERE id = (SELECT id FROM found)
                AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
            SELECT id, account_id, name, role FROM found""")
        .execute(Tuple.of(Buffer.buffer(hash(secret))))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(principal(rows.iterator().next())));
  }

  private static Principal principal(Row r) {
    return new Principal(0, r.getLong("account_id"), "API key '" + r.getString("name") + "'",
        Role.fromDb(r.getString("role")));
  }

  private static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private static List<ApiKey> all(RowSet<Row> rows) {
    List<ApiKey> list = new ArrayList<>(rows.size());
    for (Row r : rows) {
      list.add(new ApiKey(r.getLong("id"), r.getLong("account_id"), r.getString("name"),
          Role.fromDb(r.getString("role")), r.getString("prefix"), r.getString("created_by"),
          instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("last_used_at")),
          instant(r.getOffsetDateTime("revoked_at"))));
    }
    return list;
  }

  private static java.time.Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
