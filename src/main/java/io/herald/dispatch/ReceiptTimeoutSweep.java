package io.herald.dispatch;

import io.herald.jobs.JobStore;
import io.herald.messages.MessageMeters;
import io.herald.messages.ReceiptTimeouts;
import io.herald.messages.Transition;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second after start and then once a minute, ends the messages whose receipt never came (see {@link ReceiptTimeouts}) and
 * completes the jobs that were waiting only for them. Running it twice, or on two nodes, changes
 * nothing more: a message is ended once.
 */
public final class ReceiptTimeoutSweep extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ReceiptTimeoutSweep.class);
  private static final long EVERY_MILLIS = 60_000;

  private final ReceiptTimeouts timeouts;
  private final JobStore jobs;
  private final MessageMeters meters;
  private boolean running;

  public ReceiptTimeoutSweep(ReceiptTimeouts timeouts, JobStore jobs, MessageMeters meters) {
    this.timeouts = timeouts;
    this.jobs = jobs;
    this.meters = meters;
  }

  /** The first sweep soon after start: a restart after a long outage settles what waited meanwhile. */
  @Override
  public Future<?> start() {
    vertx.setPeriodic(1_000, EVERY_MILLIS, id -> sweep());
    return Future.succeededFuture();
  }

  private void sweep() {
    if (running) {
      return;
    }
    running = true;
    round(0).onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        log.warn("receipt timeouts: {}", ar.cause().getMessage());
      } else if (ar.result() > 0) {
        log.info("{} messages had no delivery receipt within their connection's receipt timeout: now unknown", ar.result());
      }
    });
  }

  /** Batch after batch until one comes back short; answers how many were ended. */
  private Future<Integer> round(int before) {
    return timeouts.settle().compose(ended -> {
      meters.count(ended);
      Set<Long> jobIds = new HashSet<>();
      for (Transition t : ended) {
        if (t.jobId() != null) {
          jobIds.add(t.jobId());
        }
      }
      Future<?> completed = jobIds.isEmpty() ? Future.succeededFuture() : jobs.completeFinished(jobIds);
      return completed.compose(v -> ended.size() < ReceiptTimeouts.BATCH ? Future.succeededFuture(before + ended.size())
          : round(before + ended.size()));
    });
  }
}
