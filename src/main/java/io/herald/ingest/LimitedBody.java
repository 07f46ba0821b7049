package io.herald.ingest;

import io.herald.errors.Refusal;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body that fails once it has brought more than its limit of bytes: the chunk past the
 * limit is not handed on, and the exception handler gets a 413 that names the limit.
 */
final class LimitedBody implements ReadStream<Buffer> {
  private final ReadStream<Buffer> body;
  private final long max;
  private final String key;
  private Handler<Throwable> exceptionHandler;
  private long bytes;
  private boolean over;

  LimitedBody(ReadStream<Buffer> body, long max, String key) {
    this.body = body;
    this.max = max;
    this.key = key;
  }

  static Refusal tooLarge(long max, String key) {
    return Refusal.limit("the request body is larger than the limit of " + max + " bytes (" + key + ")", key, max);
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    body.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      body.handler(null);
      return this;
    }
    body.handler(chunk -> {
      if (over) {
        return;
      }
      bytes += chunk.length();
      if (bytes > max) {
        over = true;
        body.pause();
        if (exceptionHandler != null) {
          exceptionHandler.handle(tooLarge(max, key));
        }
        return;
      }
      handler.handle(chunk);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    body.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    if (!over) {
      body.resume();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!over) {
      body.fetch(amount);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    body.endHandler(v -> {
      if (!over && endHandler != null) {
        endHandler.handle(v);
      }
    });
    return this;
  }
}
