package io.herald.drop;

import io.herald.accounts.PasswordHasher;
import io.herald.drop.ftp.DropSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTP site's view of Drop &amp; Go. Called on FtpServer's threads, which may block: database
 * answers are waited for here, and the Argon2 check runs here too, never on an event loop.
 */
public final class FtpDrops implements DropSite {
  private static final Logger log = LoggerFactory.getLogger(FtpDrops.class);
  private static final long WAIT_SECONDS = 30;

  private final Vertx vertx;
  private final DropStore store;
  private final DropFolders folders;
  private volatile String decoyHash;

  public FtpDrops(Vertx vertx, DropStore store, DropFolders folders) {
    this.vertx = vertx;
    this.store = store;
    this.folders = folders;
  }

  @Override
  public Optional<SiteUser> login(String username, String password, InetAddress from) {
    Optional<DropStore.Login> found = await(store.login(username));
    // an unknown name costs as much as a wrong password, so names cannot be probed by timing
    String hash = found.map(l -> l.profile().passwordHash()).orElseGet(this::decoy);
    boolean right = PasswordHasher.verify(password, hash);
    if (found.isEmpty() || !right) {
      log.info("FTP login refused for '{}' from {}", username, from == null ? "?" : from.getHostAddress());
      return Optional.empty();
    }
    if (!found.get().allowed()) {
      log.info("FTP login refused for '{}': the profile is disabled or Drop & Go is off for its account", username);
      return Optional.empty();
    }
    DropProfile profile = found.get().profile();
    try {
      Path home = folders.ensureHome(profile.id());
      return Optional.of(new SiteUser(profile.id(), profile.username(), home));
    } catch (IOException e) {
      log.warn("cannot make the home of drop profile {}: {}", profile.id(), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public boolean allowed(long profileId) {
    return await(store.allowed(profileId));
  }

  @Override
  public void received(long profileId, Path upload, String name, String problem) throws IOException {
    Path staged = folders.stage(upload);
    vertx.eventBus().send(DropVerticle.PROCESS, new Received(profileId, staged, name, "ftp", false, problem).toJson());
  }

  private String decoy() {
    if (decoyHash == null) {
      decoyHash = PasswordHasher.hash(DropProfiles.generatePassword());
    }
    return decoyHash;
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
