package io.herald.drop;

import io.herald.accounts.LoginThrottle;
import io.herald.accounts.PasswordHasher;
import io.herald.drop.ftp.DropSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTP site's view of Drop &amp; Go. Called on FtpServer's threads, which may block: database
 * answers are waited for here, and the Argon2 check runs here too, never on an event loop. Log-ins
 * go through the same throttle as the API's and the admin UI's, as {@code ftp:<user name>}.
 */
public final class FtpDrops implements DropSite {
  private static final Logger log = LoggerFactory.getLogger(FtpDrops.class);
  private static final long WAIT_SECONDS = 30;

  private final Vertx vertx;
  private final DropStore store;
  private final DropFolders folders;
  private final LoginThrottle throttle;

  public FtpDrops(Vertx vertx, DropStore store, DropFolders folders, LoginThrottle throttle) {
    this.vertx = vertx;
    this.store = store;
    this.folders = folders;
    this.throttle = throttle;
  }

  /** The throttle's login name for an FTP user name. */
  private static String login(String username) {
    return "ftp:" + username.toLowerCase(Locale.ROOT);
  }

  private static String address(InetAddress from) {
    return from == null ? "?" : from.getHostAddress();
  }

  @Override
  public Optional<SiteUser> login(String username, String password, InetAddress from) {
    LoginThrottle.Standing standing = await(throttle.check(login(username), address(from)));
    if (standing.locked()) {
      return Optional.empty();
    }
    Optional<DropStore.Login> found = await(store.login(username));
    boolean right = PasswordHasher.verifyOrDecoy(password, found.map(l -> l.profile().passwordHash()).orElse(null));
    if (!right) {
      await(throttle.failed(login(username), address(from)));
      log.info("FTP login refused for '{}' from {}", username, address(from));
      return Optional.empty();
    }
    if (standing.hasFailures()) {
      await(throttle.succeeded(login(username), address(from)));
    }
    if (!found.get().allowed()) {
      log.info("FTP login refused for '{}': the profile is disabled or Drop & Go is off for its account", username);
      return Optional.empty();
    }
    DropProfile profile = found.get().profile();
    try {
      Path home = folders.ensureHome(profile.id());
      return Optional.of(new SiteUser(profile.id(), profile.username(), home, profile.passwordHash()));
    } catch (IOException e) {
      log.warn("cannot make the home of drop profile {}: {}", profile.id(), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> refusal(String username, InetAddress from) {
    LoginThrottle.Standing standing = await(throttle.check(username == null ? null : login(username), address(from)));
    if (!standing.locked()) {
      return Optional.empty();
    }
    String reason = standing.reason();
    return Optional.of(Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ": " + standing.retryIn() + ".");
  }

  @Override
  public Optional<String> ended(SiteUser user) {
    Optional<DropStore.Login> now = await(store.login(user.profileId()));
    if (now.isEmpty()) {
      return Optional.of("This drop profile has been deleted: you are logged out.");
    }
    if (!now.get().allowed()) {
      return Optional.of("This drop profile has been disabled: you are logged out.");
    }
    if (!now.get().profile().passwordHash().equals(user.credential())) {
      return Optional.of("The password of this drop profile has been changed: log in again with the new one.");
    }
    return Optional.empty();
  }

  @Override
  public void received(long profileId, Path upload, String name) throws IOException {
    Path staged = folders.stage(upload);
    vertx.eventBus().send(DropVerticle.PROCESS, new Received(profileId, staged, name, "ftp", false, null).toJson());
  }

  /** Nothing was kept, so nothing is staged: processing records the file and writes its result with the reason. */
  @Override
  public void refused(long profileId, String name, String reason) throws IOException {
    vertx.eventBus().send(DropVerticle.PROCESS, new Received(profileId, folders.newStaged(), name, "ftp", false, reason)
        .toJson());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the database did not answer: " + e.getMessage(), e);
    }
  }
}
