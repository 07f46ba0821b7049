package io.herald.web;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file sent over HTTP the way curl and browsers send it: as the raw body, or as the first file
 * of a multipart form ({@code curl -F file=@patients.csv}, an HTML form). It streams to a file on
 * disk, never whole into memory, and stops at a size limit. Its name is {@code ?name=} when given,
 * else the form's filename, else a Content-Disposition filename, else the fallback.
 */
final class FileUpload {
  /** How much of an oversized body is read (and dropped) so that the client gets the 413. */
  private static final long DISCARD_BYTES = 64L * 1024 * 1024;
  private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?");

  /** The file, its name, and the form's other fields (a multipart form's, else the query's). */
  record Received(Path path, String name, io.vertx.core.MultiMap fields) {
    /** A form field beside the file, or the query parameter of that name. */
    String field(String key) {
      return fields.get(key);
    }
  }

  /** The body passed the limit; name is the file's, for the answer. */
  static final class TooLarge extends RuntimeException {
    final String name;
    final long declared;

    TooLarge(String name, long declared) {
      super(null, null, false, false);
      this.name = name;
      this.declared = declared;
    }
  }

  private FileUpload() {}

  /**
   * Streams the request into a new file made by target (on a worker). Fails with {@link TooLarge}
   * past maxBytes (the partial file deleted): answer it with {@link #refuse}. Call before the
   * handler gives up the event loop: the request is paused here until the file is open.
   */
  static Future<Received> receive(RoutingContext ctx, Callable<Path> target, long maxBytes, String fallbackName) {
    HttpServerRequest request = ctx.request();
    request.pause();
    String given = plain(request.getParam("name"));
    String declaredName = given != null ? given : plain(disposition(request.getHeader("Content-Disposition")));
    String length = request.getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
      return Future.failedFuture(new TooLarge(declaredName != null ? declaredName : fallbackName, Long.parseLong(length)));
    }
    boolean multipart = String.valueOf(request.getHeader("Content-Type")).toLowerCase().startsWith("multipart/form-data");
    return ctx.vertx().executeBlocking(target, false).compose(path -> ctx.vertx().fileSystem()
        .open(path.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
        .compose(file -> {
          Promise<String> named = Promise.promise();
          if (multipart) {
            request.setExpectMultipart(true);
            boolean[] taken = {false};
            Promise<String> copied = Promise.promise();
            request.uploadHandler(upload -> {
              if (taken[0]) { // one file per upload: the others are read and dropped
                upload.handler(b -> { });
                return;
              }
              taken[0] = true;
              String name = given != null ? given : plain(upload.filename());
              copy(upload, file, maxBytes, name != null ? name : fallbackName)
                  .onComplete(ar -> {
                    if (ar.failed()) {
                      named.tryFail(ar.cause());
                    } else {
                      copied.tryComplete(name != null ? name : fallbackName);
                    }
                  });
            });
            request.endHandler(v -> {
              if (!taken[0]) {
                file.close();
                named.tryFail(Refusal.invalid("file",
                    "the form has no file in it: send the file as a form field, like curl -F file=@patients.csv", null));
              } else {
                copied.future().onComplete(named); // the fields after the file are read by now too
              }
            });
          } else {
            String name = declaredName != null ? declaredName : fallbackName;
            copy(request, file, maxBytes, name).onComplete(ar -> named.handle(ar.map(name)));
          }
          request.resume();
          return named.future()
              .map(name -> new Received(path, name, fields(request, multipart)))
              .onFailure(e -> ctx.vertx().fileSystem().delete(path.toString()));
        }));
  }

  private static io.vertx.core.MultiMap fields(HttpServerRequest request, boolean multipart) {
    io.vertx.core.MultiMap fields = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(request.params());
    if (multipart) {
      request.formAttributes().forEach(e -> fields.set(e.getKey(), e.getValue()));
    }
    return fields;
  }

  /** Copies a stream into the file, failing with TooLarge once it passes the limit. */
  private static Future<Void> copy(ReadStream<Buffer> body, AsyncFile file, long maxBytes, String name) {
    Promise<Void> done = Promise.promise();
    long[] size = {0};
    body.handler(buffer -> {
      if (done.future().isComplete()) {
        return;
      }
      size[0] += buffer.length();
      if (size[0] > maxBytes) {
        file.close().onComplete(v -> done.tryFail(new TooLarge(name, -1)));
        return;
      }
      file.write(buffer);
      if (file.writeQueueFull()) {
        body.pause();
        file.drainHandler(v -> body.resume());
      }
    });
    body.exceptionHandler(e -> file.close().onComplete(v -> done.tryFail(e)));
    body.endHandler(v -> {
      if (!done.future().isComplete()) {
        file.close().onComplete(done);
      }
    });
    return done.future();
  }

  /**
   * Answers 413 with body. A client reads the answer only once it has sent its body, so a body up
   * to {@link #DISCARD_BYTES} past the limit is read and thrown away first; beyond that (or when
   * the request said so up front) the connection is closed after the answer.
   */
  static void refuse(RoutingContext ctx, TooLarge tooLarge, long maxBytes, JsonObject body) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      Http.json(ctx, 413, body);
      return;
    }
    if (tooLarge.declared > maxBytes + DISCARD_BYTES) {
      closeAfter(ctx, body);
      return;
    }
    long[] discarded = {0};
    request.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > maxBytes + DISCARD_BYTES && !ctx.response().ended()) {
        closeAfter(ctx, body);
      }
    });
    request.exceptionHandler(e -> { });
    request.endHandler(v -> {
      if (!ctx.response().ended()) {
        Http.json(ctx, 413, body);
      }
    });
    request.resume();
  }

  /** Reads what is left of a refused body so that the answer reaches the client. */
  static void drain(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.handler(b -> { });
      request.resume();
    }
  }

  private static void closeAfter(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Connection", "close");
    Http.json(ctx, 413, body);
    ctx.response().endHandler(v -> ctx.request().connection().close());
  }

  private static String disposition(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = FILENAME.matcher(header);
    return m.find() ? m.group(1) : null;
  }

  /** A name to show, never a path; null when there is none. */
  private static String plain(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String plain = name.replace('\\', '/');
    String last = plain.substring(plain.lastIndexOf('/') + 1).strip();
    return last.isEmpty() ? null : last;
  }
}
