package io.herald.drop;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A drop file uploaded over HTTP: the web layer streams it to staging, never into memory, and it
 * goes through the same processing as an FTP drop.
 */
public final class HttpUploads {
  private static final long PROCESSING_TIMEOUT_MILLIS = TimeUnit.HOURS.toMillis(2);

  private final Vertx vertx;
  private final DropProfiles profiles;
  private final DropFolders folders;
  private final long maxFileBytes;

  public HttpUploads(Vertx vertx, DropProfiles profiles, DropFolders folders, long maxFileBytes) {
    this.vertx = vertx;
    this.profiles = profiles;
    this.folders = folders;
    this.maxFileBytes = maxFileBytes;
  }

  /** Succeeds when the account may drop files on this profile: checked before the body is read. */
  public Future<Void> accepts(long accountId, long profileId) {
    return profiles.featureOn(accountId).compose(v -> profiles.find(accountId, profileId)).mapEmpty();
  }

  /** Where the next upload streams to (blocking: call on a worker). */
  public Path newStaged() throws IOException {
    return folders.newStaged();
  }

  /** drop.maxFileBytes: the largest file taken. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** The outcome of a staged file (see {@link DropProcessor#process}); the staged file is gone afterwards. */
  public Future<JsonObject> process(long profileId, Path staged, String name, boolean dryRun) {
    Received file = new Received(profileId, staged, name, "http", dryRun, null);
    return vertx.eventBus().<JsonObject>request(DropVerticle.PROCESS, file.toJson(),
            new DeliveryOptions().setSendTimeout(PROCESSING_TIMEOUT_MILLIS))
        .map(reply -> reply.body())
        .recover(e -> Future.failedFuture(e instanceof ReplyException r && r.failureCode() == 400
            ? Refusal.invalid(r.getMessage()) : e))
        .onFailure(e -> vertx.executeBlocking(() -> {
          DropFolders.deleteQuietly(staged);
          return null;
        }, false));
  }
}
