package io.herald.smsc.simulator;

import io.herald.runtime.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends delivery receipts from a small scheduled pool. jsmpp's deliverShortMessage blocks until the
 * deliver_sm_resp arrives, so several threads keep several receipts in flight; a receipt that finds no
 * receiving session (the ESME is reconnecting) or is refused is retried for half a minute, as an SMSC would.
 */
final class ReceiptSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
  // deliver_sm blocks until its response; an ESME that acknowledges receipts only once they are
  // stored answers in milliseconds, so keep enough receipts in flight (like an SMSC's window)
  private static final int THREADS = 128;
  private static final int MAX_ATTEMPTS = 60;
  private static final long RETRY_MILLIS = 500;
  private static final ESMClass RECEIPT =
      new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT);

  private final BoundSessions sessions;
  private final long delayMillis;
  private final DaemonThreads threads = new DaemonThreads("herald-smsc-sim-receipts");
  private final ScheduledExecutorService scheduler;
  private final LongAdder sent = new LongAdder();

  ReceiptSender(BoundSessions sessions, long delayMillis) {
    this.sessions = sessions;
    this.delayMillis = delayMillis;
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, threads);
    pool.setRemoveOnCancelPolicy(true);
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler = pool;
  }

  void schedule(PendingReceipt receipt) {
    later(receipt, delayMillis);
  }

  long sent() {
    return sent.sum();
  }

  private void later(PendingReceipt receipt, long millis) {
    try {
      scheduler.schedule(() -> send(receipt), millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      log.debug("Simulator closing, receipt {} dropped", receipt.messageId());
    }
  }

  private void send(PendingReceipt receipt) {
    Optional<SMPPServerSession> target = sessions.receiverFor(receipt.origin(), receipt.systemId());
    if (target.isEmpty()) {
      retry(receipt, "no bound receiver for " + receipt.systemId());
      return;
    }
    String text = ReceiptText.format(receipt.messageId(), receipt.outcome(), receipt.submittedAt(), Instant.now(),
        receipt.preview());
    try {
      target.get().deliverShortMessage("",
          ton(receipt.destinationTon()), npi(receipt.destinationNpi()), receipt.destination(),
          ton(receipt.sourceTon()), npi(receipt.sourceNpi()), receipt.source(),
          RECEIPT, (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
          text.getBytes(StandardCharsets.ISO_8859_1),
          new OptionalParameter.Receipted_message_id(receipt.messageId()),
          new OptionalParameter.Message_state(receipt.outcome().state().value()));
      sent.increment();
    } catch (NegativeResponseException e) {
      // Refused (a jsmpp ESME answers ESME_RTHROTTLED by itself when its receive queue is full): offer it again.
      retry(receipt, "deliver_sm_resp status 0x" + Integer.toHexString(e.getCommandStatus()));
    } catch (ResponseTimeoutException | InvalidResponseException | IOException e) {
      retry(receipt, e.getMessage());
    } catch (PDUException e) {
      log.warn("Receipt {} could not be encoded: {}", receipt.messageId(), e.getMessage());
    }
  }

  private void retry(PendingReceipt receipt, String why) {
    if (receipt.attempt() + 1 >= MAX_ATTEMPTS) {
      log.warn("Receipt {} dropped after {} attempts: {}", receipt.messageId(), MAX_ATTEMPTS, why);
      return;
    }
    log.debug("Receipt {} retried later: {}", receipt.messageId(), why);
    later(receipt.nextAttempt(), RETRY_MILLIS);
  }

  private static TypeOfNumber ton(byte value) {
    try {
      return TypeOfNumber.valueOf(value);
    } catch (IllegalArgumentException e) {
      return TypeOfNumber.UNKNOWN;
    }
  }

  private static NumberingPlanIndicator npi(byte value) {
    try {
      return NumberingPlanIndicator.valueOf(value);
    } catch (IllegalArgumentException e) {
      return NumberingPlanIndicator.UNKNOWN;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Receipt threads did not stop within 5 s");
      }
      threads.joinAll(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
