package io.herald.drop;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The drop's reader threads: reading a file and moving it block, so they run here, never on the
 * drop verticle's event loop, and report back on the caller's context.
 */
final class DropReaders {
  private final ExecutorService readers;

  DropReaders(ExecutorService readers) {
    this.readers = readers;
  }

  <T> Future<T> run(Callable<T> work) {
    Context context = Vertx.currentContext();
    CompletableFuture<T> done = CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, readers);
    return Future.fromCompletionStage(done, context)
        .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
  }
}
