package io.herald.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks e-mail and password. A verified pair is remembered briefly (by a digest, never the
 * password) so that API clients sending HTTP Basic on every request don't pay Argon2 each time.
 */
public final class Authenticator {
  private static final long REMEMBER_MILLIS = 60_000;
  private static final int MAX_REMEMBERED = 10_000;

  private final Vertx vertx;
  private final AccountStore store;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  private record Remembered(Principal principal, long until) {}

  public Authenticator(Vertx vertx, AccountStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Completes with the principal, or empty when the e-mail or password is wrong. */
  public Future<Optional<Principal>> authenticate(String email, String password) {
    String key = digest(email.toLowerCase() + "\u0000" + password);
    Remembered hit = remembered.get(key);
    long now = System.currentTimeMillis();
    if (hit != null && hit.until > now) {
      return Future.succeededFuture(Optional.of(hit.principal));
    }
    return store.userByEmail(email).compose(user -> {
      if (user.isEmpty()) {
        return Future.succeededFuture(Optional.<Principal>empty());
      }
      return vertx.executeBlocking(() -> PasswordHasher.verify(password, user.get().passwordHash()), false)
          .map(ok -> {
            if (!ok) {
              return Optional.<Principal>empty();
            }
            if (remembered.size() >= MAX_REMEMBERED) {
              remembered.clear();
            }
            remembered.put(key, new Remembered(user.get().principal(), now + REMEMBER_MILLIS));
            return Optional.of(user.get().principal());
          });
    });
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
