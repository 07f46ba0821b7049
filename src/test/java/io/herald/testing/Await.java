package io.herald.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way a test waits: polls until what it waits for is there, and fails naming it when the
 * (generous) limit passes. A limit is never a measurement: timing belongs in the benchmarks.
 */
public final class Await {
  public static final Duration DEFAULT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 50;

  private Await() {}

  /** Polls until done says so; fails with what was awaited. */
  public static void until(String what, BooleanSupplier done) {
    until(what, DEFAULT, done);
  }

  public static void until(String what, Duration limit, BooleanSupplier done) {
    value(what, limit, () -> done.getAsBoolean() ? Boolean.TRUE : null);
  }

  /** Polls until probe answers something other than null, and returns it. */
  public static <T> T value(String what, Supplier<T> probe) {
    return value(what, DEFAULT, probe);
  }

  public static <T> T value(String what, Duration limit, Supplier<T> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      T found = probe.get();
      if (found != null) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + limit.toSeconds() + " s waiting for " + what);
      }
      sleep(POLL_MILLIS);
    }
  }

  /** The future's result, waited for from a test thread; its failure comes as an ExecutionException. */
  public static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(DEFAULT.toSeconds(), TimeUnit.SECONDS);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
