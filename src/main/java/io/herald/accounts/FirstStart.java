package io.herald.accounts;

import io.herald.config.HeraldConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On an empty database, creates the first account, its admin and its default sender, and the first
 * operator (who sees every account and the SMSC connections), so that a fresh install can send at
 * once. Without a configured password it makes one, returned to be printed once.
 */
public final class FirstStart {
  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private FirstStart() {}

  /** A user created on first start, with the password when Herald made it up (null when configured). */
  public record Created(String email, Role role, String generatedPassword) {}

  /** Completes with the users created (none when the database already had users). */
  public static Future<java.util.List<Created>> run(Vertx vertx, AccountStore store, HeraldConfig config) {
    return store.countUsers(store.pool()).compose(users -> {
      if (users > 0) {
        return Future.succeededFuture(java.util.List.<Created>of());
      }
      String adminPassword = orRandom(config.admin().password());
      String operatorPassword = orRandom(config.operator().password());
      // the two slow hashes side by side, on worker threads
      Future<String> adminHash = vertx.executeBlocking(() -> PasswordHasher.hash(adminPassword), false);
      Future<String> operatorHash = vertx.executeBlocking(() -> PasswordHasher.hash(operatorPassword), false);
      return Future.all(adminHash, operatorHash).map(both -> new String[] {adminHash.result(), operatorHash.result()})
          .compose(hashes -> store.pool().withTransaction(tx -> store.countUsers(tx).compose(again -> {
            if (again > 0) {
              return Future.succeededFuture(false); // another instance won the race
            }
            var account = config.account();
            return store.insertAccount(tx, account.name(), account.region(), account.timeZone())
                .compose(accountId -> store.insertUser(tx, accountId, config.admin().email(), hashes[0], Role.ADMIN)
                    .compose(u -> store.insertUser(tx, null, config.operator().email(), hashes[1], Role.OPERATOR))
                    .compose(u -> store.insertSender(tx, accountId, account.sender(), true)))
                .map(true);
          })))
          .map(created -> {
            if (!created) {
              return java.util.List.<Created>of();
            }
            log.info("created account '{}' with admin {} and operator {}", config.account().name(),
                config.admin().email(), config.operator().email());
            return java.util.List.of(
                new Created(config.admin().email(), Role.ADMIN, config.admin().password().isBlank() ? adminPassword : null),
                new Created(config.operator().email(), Role.OPERATOR,
                    config.operator().password().isBlank() ? operatorPassword : null));
          });
    });
  }

  private static String orRandom(String given) {
    return given.isBlank() ? randomPassword() : given;
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
