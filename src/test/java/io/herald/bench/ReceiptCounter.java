package io.herald.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dlr-url Kannel's smsbox calls for each receipt: counts the final ones (type 1 delivered, 2
 * undelivered, as dlr-mask=3 asks for) and remembers when the last came.
 */
final class ReceiptCounter implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong other = new AtomicLong();
  private volatile long lastNanos;

  ReceiptCounter(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().requestHandler(this::receipt).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The URL for sendsms's dlr-url; smsbox puts the receipt's type where %d is. */
  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/dlr?type=%d";
  }

  private void receipt(HttpServerRequest request) {
    switch (String.valueOf(request.getParam("type"))) {
      case "1" -> delivered.incrementAndGet();
      case "2" -> undelivered.incrementAndGet();
      default -> other.incrementAndGet();
    }
    lastNanos = System.nanoTime();
    request.response().end();
  }

  long finals() {
    return delivered.get() + undelivered.get();
  }

  long delivered() {
    return delivered.get();
  }

  long undelivered() {
    return undelivered.get();
  }

  /** Receipts of any other type (a submit-ack or an intermediate one): none are asked for. */
  long others() {
    return other.get();
  }

  long lastNanos() {
    return lastNanos;
  }

  /** Waits until n final receipts are in; fails when none came for stallSeconds. */
  void await(long n, long stallSeconds) throws InterruptedException {
    long seen = -1;
    long progressAt = System.nanoTime();
    while (finals() < n) {
      long now = finals();
      if (now != seen) {
        seen = now;
        progressAt = System.nanoTime();
      } else if (System.nanoTime() - progressAt > TimeUnit.SECONDS.toNanos(stallSeconds)) {
        throw new IllegalStateException("receipts stalled at " + now + " of " + n);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
