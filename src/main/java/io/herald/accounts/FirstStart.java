package io.herald.accounts;

import io.herald.config.HeraldConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On an empty database, creates the first account, its admin and its default sender, so that a
 * fresh install can send at once. Without a configured password it makes one and prints it once.
 */
public final class FirstStart {
  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private FirstStart() {}

  /** Completes with the generated password, or null when nothing was generated. */
  public static Future<String> run(Vertx vertx, AccountStore store, HeraldConfig config) {
    return store.countUsers(store.pool()).compose(users -> {
      if (users > 0) {
        return Future.succeededFuture((String) null);
      }
      String given = config.admin().password();
      String password = given.isBlank() ? randomPassword() : given;
      return vertx.executeBlocking(() -> PasswordHasher.hash(password))
          .compose(hash -> store.pool().withTransaction(tx -> store.countUsers(tx).compose(again -> {
            if (again > 0) {
              return Future.succeededFuture(false); // another instance won the race
            }
            var account = config.account();
            return store.insertAccount(tx, account.name(), account.region(), account.timeZone())
                .compose(accountId -> store.insertUser(tx, accountId, config.admin().email(), hash, Role.ADMIN)
                    .compose(u -> store.insertSender(tx, accountId, account.sender(), true)))
                .map(true);
          })))
          .map(created -> {
            if (!created) {
              return null;
            }
            log.info("created account '{}' with admin {}", config.account().name(), config.admin().email());
            return given.isBlank() ? password : null;
          });
    });
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
