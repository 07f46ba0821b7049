package io.herald.dispatch;

import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.Outcomes;
import io.herald.messages.ReceiptUpdate;
import io.herald.messages.Recorded;
import io.herald.messages.SendResult;
import io.herald.smsc.Receipt;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two group-commit pipelines side by side: outcomes, and receipts. Each writes one batch at a time;
 * while it is in flight the next batch collects. When the database is unreachable they stay in
 * memory until it returns; nothing is dropped. A receipt that overtakes its outcome is held and
 * matched when the outcome is written, or by the sweep of held receipts. Runs on the dispatcher's
 * event loop.
 */
final class ResultWriter {
  private static final long RETRY_WRITE_MILLIS = 1_000;
  private final Vertx vertx;
  private final Outcomes store;
  private final MessageMeters meters;
  private final JobCompletion completion;
  private final DatabaseWatch database;
  private final Consumer<List<SendResult>> written;
  private final List<SendResult> results = new ArrayList<>();
  private final List<ReceiptUpdate> receipts = new ArrayList<>();
  /** The senders of receipts being written, answered once they are (the SMSC is acknowledged then). */
  private final List<Message<Receipt>> receiptsWaiting = new ArrayList<>();
  private final Timer writeTimer;
  private final DistributionSummary writeSizes;
  private boolean writingResults;
  private boolean writingReceipts;
  private int unwritten;

  /** written: outcomes now in the database (their window slots and leases can go). */
  ResultWriter(Vertx vertx, Outcomes store, MessageMeters meters, JobCompletion completion, DatabaseWatch database,
               MeterRegistry registry, Consumer<List<SendResult>> written) {
    this.vertx = vertx;
    this.store = store;
    this.meters = meters;
    this.completion = completion;
    this.database = database;
    this.written = written;
    this.writeTimer = Timer.builder("herald_dispatch_write")
        .description("One group commit of outcomes and receipts").publishPercentileHistogram().register(registry);
    this.writeSizes = DistributionSummary.builder("herald_dispatch_write_size")
        .description("Outcomes and receipts in one group commit").register(registry);
  }

  /** An outcome to write; until it is written it holds its window slot. */
  void result(SendResult result) {
    results.add(result);
    unwritten++;
    write();
  }

  /** A final receipt to write; the SMSC is answered once it is. */
  /** A receipt from an SMSC; one that is not final (ENROUTE, ACCEPTD) is answered at once, with nothing to record. */
  void receipt(Message<Receipt> from) {
    Receipt receipt = from.body();
    MessageState state = switch (receipt.status()) {
      case DELIVERED -> MessageState.DELIVERED;
      case EXPIRED -> MessageState.EXPIRED;
      case UNDELIVERABLE -> MessageState.UNDELIVERABLE;
      case INTERMEDIATE -> null;
    };
    if (state == null) {
      from.reply(null);
      return;
    }
    receipts.add(new ReceiptUpdate(receipt.smsc(), receipt.messageId(), receipt.alternative1(), receipt.alternative2(),
        state, receipt.stat(), receipt.error(), receipt.receivedAt(), receipt.text()));
    receiptsWaiting.add(from);
    write();
  }

  /** Outcomes handed in and not yet written: each still holds a window slot. */
  int unwritten() {
    return unwritten;
  }

  /** No outcome waiting or being written. */
  boolean outcomesWritten() {
    return !writingResults && results.isEmpty();
  }

  /** At stop: writes whatever arrived late (receipts during unbind), in one go. */
  Future<Recorded> flush() {
    if (results.isEmpty() && receipts.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return store.record(take(results), take(receipts)).onSuccess(meters::count);
  }

  void write() {
    writeResults();
    writeReceipts();
  }

  private void writeResults() {
    if (writingResults || results.isEmpty()) {
      return;
    }
    writingResults = true;
    List<SendResult> batch = take(results);
    long started = System.nanoTime();
    store.record(batch, List.of()).onComplete(ar -> {
      measure(started, batch.size());
      writingResults = false;
      if (ar.failed()) {
        results.addAll(0, batch);
        database.trouble("cannot record " + batch.size() + " outcomes, will retry", ar.cause());
        vertx.setTimer(RETRY_WRITE_MILLIS, id -> write());
        return;
      }
      unwritten -= batch.size();
      database.back();
      recorded(ar.result());
      written.accept(batch);
      write();
    });
  }

  private void writeReceipts() {
    if (writingReceipts || receipts.isEmpty()) {
      return;
    }
    writingReceipts = true;
    List<ReceiptUpdate> batch = take(receipts);
    List<Message<Receipt>> answering = take(receiptsWaiting);
    long started = System.nanoTime();
    store.record(List.of(), batch).onComplete(ar -> {
      measure(started, batch.size());
      writingReceipts = false;
      if (ar.failed()) {
        receiptsWaiting.addAll(0, answering); // the SMSC may give up and ask again; the copy here is kept
        receipts.addAll(0, batch);
        database.trouble("cannot record " + batch.size() + " receipts, will retry", ar.cause());
        vertx.setTimer(RETRY_WRITE_MILLIS, id -> write());
        return;
      }
      database.back();
      answering.forEach(m -> m.reply(null));
      recorded(ar.result());
      write();
    });
  }

  /** Receipts held while their outcome was being written in the other pipeline find their part now. */
  void sweepHeldReceipts() {
    if (writingReceipts) {
      return;
    }
    writingReceipts = true;
    store.rematchHeldReceipts().onComplete(ar -> {
      writingReceipts = false;
      if (ar.succeeded()) {
        recorded(ar.result());
      }
      write();
    });
  }

  private void recorded(Recorded recorded) {
    meters.count(recorded);
    completion.after(recorded.transitions());
  }

  private void measure(long started, int size) {
    writeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    writeSizes.record(size);
  }

  private static <T> List<T> take(List<T> list) {
    List<T> taken = new ArrayList<>(list);
    list.clear();
    return taken;
  }
}
