package io.herald.drop;

import io.herald.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A drop file uploaded over HTTP: the body (raw, or the first file of a multipart form) streams to
 * staging, never into memory, then goes through the same processing as an FTP drop.
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

  /** The file's outcome (see {@link DropProcessor#process}). name is used for a raw body. */
  public Future<JsonObject> upload(long accountId, long profileId, HttpServerRequest request, String name, boolean dryRun) {
    request.pause();
    return profiles.featureOn(accountId)
        .compose(v -> profiles.find(accountId, profileId))
        .compose(profile -> vertx.executeBlocking(folders::newStaged, false))
        .compose(staged -> receive(request, staged, name).compose(fileName -> {
          Received file = new Received(profileId, staged, fileName, "http", dryRun, null);
          return vertx.eventBus().<JsonObject>request(DropVerticle.PROCESS, file.toJson(),
                  new DeliveryOptions().setSendTimeout(PROCESSING_TIMEOUT_MILLIS))
              .map(reply -> reply.body())
              .recover(e -> Future.failedFuture(e instanceof ReplyException r && r.failureCode() == 400
                  ? new ApiException(400, new JsonObject().put("error", r.getMessage())) : e));
        }).onFailure(e -> vertx.executeBlocking(() -> {
          DropFolders.deleteQuietly(staged);
          return null;
        }, false)))
        .onFailure(e -> drain(request));
  }

  /** Streams the body to staged; completes with the file's name. */
  private Future<String> receive(HttpServerRequest request, Path staged, String name) {
    String type = request.getHeader("Content-Type");
    return vertx.fileSystem().open(staged.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
        .compose(file -> {
          Promise<String> named = Promise.promise();
          if (type != null && type.toLowerCase().startsWith("multipart/form-data")) {
            request.setExpectMultipart(true);
            boolean[] taken = {false};
            request.uploadHandler(upload -> {
              if (taken[0]) {
                upload.handler(b -> { });
                return;
              }
              taken[0] = true;
              copy(upload, file).onComplete(ar -> named.handle(ar.map(upload.filename())));
            });
            request.endHandler(v -> {
              if (!taken[0]) {
                file.close();
                named.tryFail(ApiException.badField("file", "the form has no file in it", null));
              }
            });
          } else {
            copy(request, file).onComplete(ar -> named.handle(ar.map(name)));
          }
          request.resume();
          return named.future();
        });
  }

  /** Copies a stream into the file, stopping with 413 once it passes the size limit. */
  private Future<Void> copy(ReadStream<Buffer> body, AsyncFile file) {
    Promise<Void> done = Promise.promise();
    long[] size = {0};
    body.handler(buffer -> {
      if (done.future().isComplete()) {
        return;
      }
      size[0] += buffer.length();
      if (size[0] > maxFileBytes) {
        file.close();
        done.tryFail(new ApiException(413, new JsonObject().put("error", "the file is larger than the limit of "
            + maxFileBytes + " bytes (drop.maxFileBytes): split it into smaller files")));
        return;
      }
      file.write(buffer);
      if (file.writeQueueFull()) {
        body.pause();
        file.drainHandler(v -> body.resume());
      }
    });
    body.exceptionHandler(e -> {
      file.close();
      done.tryFail(e);
    });
    body.endHandler(v -> {
      if (!done.future().isComplete()) {
        file.close().onComplete(done);
      }
    });
    return done.future();
  }

  /** Reads what is left of a refused body so that the answer reaches the client. */
  private static void drain(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.handler(b -> { });
      request.resume();
    }
  }
}
