package io.herald.dispatch;

import io.herald.config.HeraldConfig.DispatchConfig;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.MessageStore;
import io.herald.messages.ReceiptUpdate;
import io.herald.messages.SendResult;
import io.herald.smsc.Receipt;
import io.herald.smsc.ReceiptStatus;
import io.herald.smsc.SmscConnection;
import io.herald.smsc.SmscRegistry;
import io.herald.smsc.Sms;
import io.herald.smsc.SubmitOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what is sent next. Claims due messages as leases, fills the free windows of bound SMSC
 * connections, and records every outcome and receipt. Writes are group-committed: while one write
 * is in flight the next batch collects, so a busy dispatcher makes few, large transactions. When
 * the database is unreachable, outcomes stay in memory and are written once it returns.
 */
public final class Dispatcher extends VerticleBase {
  /** Send anything (even null) here after queueing messages so dispatch looks at once. */
  public static final String WAKE = "dispatch.wake";
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final long RETRY_WRITE_MILLIS = 1_000;
  private static final long LEASE_SWEEP_MILLIS = 5_000;
  private static final long NO_ROUTE_WAIT_MILLIS = 200;
  private static final long PURGE_MILLIS = 3_600_000;

  private final DispatchConfig config;
  private final int unmatchedRetentionHours;
  private final MessageStore store;
  private final SmscRegistry smscs;
  private final MessageMeters meters;
  private final List<SendResult> results = new ArrayList<>();
  private final List<ReceiptUpdate> receipts = new ArrayList<>();
  private boolean claiming;
  private boolean writing;
  private boolean quiescing;
  private boolean databaseDown;
  private int submitting;
  private Promise<Void> drained;

  public Dispatcher(DispatchConfig config, int unmatchedRetentionHours, MessageStore store, SmscRegistry smscs,
                    MessageMeters meters) {
    this.config = config;
    this.unmatchedRetentionHours = unmatchedRetentionHours;
    this.store = store;
    this.smscs = smscs;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<Receipt>localConsumer(SmscConnection.RECEIPTS, m -> receipt(m.body()));
    vertx.eventBus().localConsumer(WAKE, m -> pump());
    vertx.setPeriodic(config.pollMillis(), id -> pump());
    vertx.setPeriodic(LEASE_SWEEP_MILLIS, id -> recoverLeases());
    vertx.setPeriodic(PURGE_MILLIS, id -> store.purgeHeldReceipts(unmatchedRetentionHours)
        .onSuccess(n -> {
          if (n > 0) {
            log.info("forgot {} receipts that matched no message within {} h", n, unmatchedRetentionHours);
          }
        }));
    return store.recoverLeases().onSuccess(n -> {
      if (n > 0) {
        log.info("returned {} messages with expired leases to the queue", n);
      }
    }).otherwiseEmpty();
  }

  /** Stops claiming and waits until every submit in flight has an outcome and all are written. */
  public Future<Void> quiesce() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      quiescing = true;
      drained = promise;
      checkDrained();
    });
    long grace = config.shutdownGraceMillis();
    vertx.setTimer(grace, id -> {
      if (promise.tryFail("messages still in flight after " + grace + " ms; their leases will return them to the queue")) {
        log.warn("shutdown: {} submits still in flight after {} ms", submitting, grace);
      }
    });
    return promise.future();
  }

  /** Writes whatever arrived after quiesce (receipts during unbind). */
  @Override
  public Future<?> stop() {
    quiescing = true;
    if (results.isEmpty() && receipts.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.record(take(results), take(receipts)).onSuccess(meters::count)
        .onFailure(e -> log.warn("shutdown: could not write the last outcomes: {}", e.getMessage()));
  }

  private void pump() {
    if (claiming || quiescing) {
      return;
    }
    int capacity = Math.min(smscs.freeWindow(), config.batchSize());
    if (capacity <= 0) {
      return;
    }
    claiming = true;
    store.claim(capacity, config.leaseSeconds()).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        databaseTrouble("cannot claim messages", ar.cause());
        return;
      }
      databaseBack();
      List<ClaimedMessage> claimed = ar.result();
      for (ClaimedMessage message : claimed) {
        hand(message);
      }
      if (claimed.size() == capacity) {
        pump();
      }
    });
  }

  private void hand(ClaimedMessage message) {
    SmscConnection connection = smscs.pick(message.accountId(), message.sender(), message.recipient());
    if (connection == null) { // its route's connections are down or busy: wait, without counting an attempt
      results.add(SendResult.notTried(message.id(), Instant.now().plusMillis(NO_ROUTE_WAIT_MILLIS),
          "no SMSC connection on the message's route could take it"));
      write();
      return;
    }
    submitting++;
    connection.submit(new Sms(message.sender(), message.recipient(), message.body())).onComplete(ar -> {
      submitting--;
      SubmitOutcome outcome = ar.succeeded() ? ar.result()
          : SubmitOutcome.temporary(connection.name(), List.of(), "internal", String.valueOf(ar.cause()));
      results.add(toResult(message, outcome));
      write();
      pump();
    });
  }

  private SendResult toResult(ClaimedMessage message, SubmitOutcome outcome) {
    return switch (outcome.kind()) {
      case SUBMITTED -> SendResult.submitted(message.id(), outcome.smsc(), outcome.partIds());
      case PERMANENT_ERROR -> SendResult.failed(message.id(), outcome.smsc(), outcome.partIds(),
          outcome.errorCode(), outcome.errorDetail());
      case TEMPORARY_ERROR -> message.attempts() >= config.maxAttempts()
          ? SendResult.failed(message.id(), outcome.smsc(), outcome.partIds(), outcome.errorCode(),
              "gave up after " + message.attempts() + " attempts: " + outcome.errorDetail())
          : SendResult.retry(message.id(), outcome.smsc(), outcome.partIds(),
              Instant.now().plusMillis(retryDelay(message.attempts())), outcome.errorCode(), outcome.errorDetail());
    };
  }

  /** Exponential: retryMin, doubling per attempt, capped at retryMax. */
  long retryDelay(int attempts) {
    double delay = config.retryMinMillis() * Math.pow(2, Math.min(attempts - 1, 30));
    return (long) Math.min(delay, config.retryMaxMillis());
  }

  private void receipt(Receipt receipt) {
    MessageState state = switch (receipt.status()) {
      case DELIVERED -> MessageState.DELIVERED;
      case EXPIRED -> MessageState.EXPIRED;
      case UNDELIVERABLE -> MessageState.UNDELIVERABLE;
      case INTERMEDIATE -> null;
    };
    if (state == null) {
      return; // ENROUTE / ACCEPTD: not final, nothing to record
    }
    receipts.add(new ReceiptUpdate(receipt.smsc(), receipt.messageId(), receipt.alternative1(),
        receipt.alternative2(), state, receipt.stat(), receipt.error(), receipt.receivedAt(), receipt.text()));
    write();
  }

  private void write() {
    if (writing || (results.isEmpty() && receipts.isEmpty())) {
      checkDrained();
      return;
    }
    writing = true;
    List<SendResult> batchResults = take(results);
    List<ReceiptUpdate> batchReceipts = take(receipts);
    store.record(batchResults, batchReceipts).onComplete(ar -> {
      writing = false;
      if (ar.succeeded()) {
        databaseBack();
        meters.count(ar.result());
        write();
      } else {
        // keep them: the database may be gone for a while; nothing is dropped
        databaseTrouble("cannot record " + batchResults.size() + " outcomes and " + batchReceipts.size()
            + " receipts, will retry", ar.cause());
        results.addAll(0, batchResults);
        receipts.addAll(0, batchReceipts);
        vertx.setTimer(RETRY_WRITE_MILLIS, id -> write());
      }
    });
  }

  /** Logs the first failure of an outage, not one line per poll. */
  private void databaseTrouble(String what, Throwable cause) {
    if (!databaseDown) {
      databaseDown = true;
      log.warn("{}: {}; holding work in memory until the database answers", what, cause.getMessage());
    }
  }

  private void databaseBack() {
    if (databaseDown) {
      databaseDown = false;
      log.info("database answers again; dispatch resumes");
    }
  }

  private void checkDrained() {
    if (quiescing && drained != null && submitting == 0 && !writing && results.isEmpty()) {
      drained.tryComplete();
    }
  }

  private void recoverLeases() {
    if (quiescing) {
      return;
    }
    store.recoverLeases().onSuccess(n -> {
      if (n > 0) {
        log.warn("returned {} messages with expired leases to the queue", n);
        pump();
      }
    });
  }

  private static <T> List<T> take(List<T> list) {
    List<T> taken = new ArrayList<>(list);
    list.clear();
    return taken;
  }
}
