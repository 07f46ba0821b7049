package io.herald.accounts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Log-in sessions in PostgreSQL. A session lasts while it is used (idle limit) up to an absolute
 * limit; the user's role is read on every request, so a change of role or a deleted user takes
 * effect at once.
 */
public final class SessionStore {
  static final String IDLE = "8 hours";
  static final String ABSOLUTE = "7 days";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public SessionStore(Pool pool) {
    this.pool = pool;
  }

  /** A session as the web layer sees it: who, and the token state-changing requests must echo. */
  public record Session(Principal principal, String csrfToken) {}

  /** A new session: the token for the cookie (never stored) and the session. */
  public record Opened(String token, Session session) {}

  public Future<Opened> open(Principal principal) {
    String token = randomToken();
    String csrf = randomToken();
    return pool.preparedQuery("""
            INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
            VALUES ($1, $2, $3, now() + interval '%s')""".formatted(IDLE))
        .execute(Tuple.of(hash(token), principal.userId(), csrf))
        .compose(v -> pool.query("DELETE FROM sessions WHERE expires_at < now()").execute()) // housekeeping
        .map(v -> new Opened(token, new Session(principal, csrf)));
  }

  /** The live session for a cookie token, its idle limit pushed back; empty when unknown or expired. */
  public Future<Optional<Session>> touch(String token) {
    return pool.preparedQuery("""
            UPDATE sessions s SET last_seen = now(),
                   expires_at = least(s.created_at + interval '%s', now() + interval '%s')
            FROM users u
            WHERE s.token_hash = $1 AND s.expires_at > now() AND u.id = s.user_id
              AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = u.account_id AND a.disabled_at IS NOT NULL)
            RETURNING u.id, u.account_id, u.email, u.role, s.csrf_token""".formatted(ABSOLUTE, IDLE))
        .execute(Tuple.of(hash(token)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Session(new Principal(r.getLong("id"), r.getLong("account_id"), r.getString("email"),
              Role.fromDb(r.getString("role"))), r.getString("csrf_token")));
        });
  }

  public Future<Void> close(String token) {
    return pool.preparedQuery("DELETE FROM sessions WHERE token_hash = $1").execute(Tuple.of(hash(token))).mapEmpty();
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
