package io.herald.drop;

import io.herald.ingest.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A received file's rejected rows on their way to the database, so that the Drop &amp; Go Summary
 * can show them (the result file goes to the customer's FTP folder only). Fed on a reader thread
 * a row at a time; every thousand rows go in one insert, run on the drop verticle's context while
 * the reader waits, so memory holds one batch whatever the number of rejected rows.
 */
final class StoredRejects {
  private static final int BATCH = 1_000;

  private final DropStore store;
  private final long fileId;
  private final Context context;
  private List<Rejection> batch = new ArrayList<>();
  private int saved;

  StoredRejects(DropStore store, long fileId, Context context) {
    this.store = store;
    this.fileId = fileId;
    this.context = context;
  }

  void add(Rejection r) throws IOException {
    batch.add(r);
    if (batch.size() >= BATCH) {
      flush();
    }
  }

  /** Writes what is waiting; blocks the calling reader thread (never an event loop) until it is stored. */
  void flush() throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    List<Rejection> rows = batch;
    int seq = saved + 1;
    batch = new ArrayList<>();
    saved += rows.size();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> store.saveRejects(fileId, seq, rows).onComplete(done));
    try {
      done.future().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IOException("keeping the rejected rows failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keeping the rejected rows", e);
    }
  }
}
