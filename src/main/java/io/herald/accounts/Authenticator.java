package io.herald.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an e-mail and password for HTTP Basic and the admin UI's log-in, through the one
 * {@link LoginThrottle}. The user is read afresh on every call, so a new password, a new role or a
 * deletion counts from the next request. To spare API clients that send Basic on every request an
 * Argon2 run each time, a verified password is remembered by a digest of itself with the stored
 * hash it matched: once the hash changes, the digest no longer matches and the old password fails.
 * An unknown e-mail costs the same Argon2 run ({@link PasswordHasher#verifyOrDecoy}), so the answer
 * time does not tell which e-mails exist.
 */
public final class Authenticator {
  private static final long REMEMBER_MILLIS = 10 * 60_000;
  private static final int MAX_REMEMBERED = 10_000;

  private final Vertx vertx;
  private final AccountStore store;
  private final LoginThrottle throttle;
  private final Map<String, Long> verified = new ConcurrentHashMap<>();

  /** How a log-in ended. */
  public sealed interface Outcome {}

  public record Accepted(Principal principal) implements Outcome {}

  public record Refused() implements Outcome {}

  /** The password was right, but the user's account is disabled. */
  public record Disabled() implements Outcome {}

  public record Locked(LoginThrottle.Standing standing) implements Outcome {}

  public Authenticator(Vertx vertx, AccountStore store, LoginThrottle throttle) {
    this.vertx = vertx;
    this.store = store;
    this.throttle = throttle;
  }

  /** The throttle's login name for an e-mail. */
  static String login(String email) {
    return "web:" + EmailKey.of(email);
  }

  public Future<Outcome> logIn(String email, String password, String address) {
    String login = login(email);
    return throttle.check(login, address).compose(standing -> standing.locked()
        ? Future.succeededFuture(new Locked(standing))
        : store.userByEmailKey(EmailKey.of(email)).compose(user -> {
          String hash = user.map(AccountStore.StoredUser::passwordHash).orElse(null);
          String digest = hash == null ? null : digest(hash + "\u0000" + password);
          Long until = digest == null ? null : verified.get(digest);
          Future<Boolean> right = until != null && until > System.currentTimeMillis()
              ? Future.succeededFuture(true)
              : vertx.executeBlocking(() -> PasswordHasher.verifyOrDecoy(password, hash), false);
          return right.compose(ok -> {
            if (!ok || user.isEmpty()) {
              return throttle.failed(login, address).map(v -> (Outcome) new Refused());
            }
            remember(digest);
            if (user.get().disabled()) {
              return Future.succeededFuture((Outcome) new Disabled());
            }
            Future<Void> forgotten = standing.hasFailures() ? throttle.succeeded(login, address) : Future.succeededFuture();
            return forgotten.map(v -> (Outcome) new Accepted(user.get().principal()));
          });
        }));
  }

  private void remember(String digest) {
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(digest, System.currentTimeMillis() + REMEMBER_MILLIS);
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
