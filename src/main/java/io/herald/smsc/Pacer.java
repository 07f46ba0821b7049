package io.herald.smsc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Releases a connection's submit_sm one per throttle slot, always the most urgent one waiting,
 * and never more than the window unanswered: the choice is made when the slot comes, so a
 * conversation reply handed over after a thousand bulk texts still goes in the next slot. Runs on
 * the connection's event loop; when the throttle says wait, a timer brings it back.
 */
final class Pacer {
  /** One submit_sm to make. Lower priority values go first; ties go in arrival order. */
  abstract static class Part implements Comparable<Part> {
    private static final AtomicLong ARRIVALS = new AtomicLong();
    final int priority;
    final long arrival = ARRIVALS.incrementAndGet();

    Part(int priority) {
      this.priority = priority;
    }

    @Override
    public int compareTo(Part other) {
      return priority != other.priority ? Integer.compare(priority, other.priority) : Long.compare(arrival, other.arrival);
    }

    /** Writes the submit_sm; completes once it is answered (or has failed), which frees its place in the window. */
    abstract Future<?> send();

    /** Called instead of send when the connection stops before the part could go. */
    abstract void abandon();
  }

  private final Vertx vertx;
  private final Throttle throttle;
  private final int window;
  private final PriorityQueue<Part> waiting = new PriorityQueue<>();
  private int unanswered;
  private long timer = -1;
  private boolean draining;
  private boolean stopped;
  private Promise<Void> idle;

  Pacer(Vertx vertx, Throttle throttle, int window) {
    this.vertx = vertx;
    this.throttle = throttle;
    this.window = window;
  }

  /** On the connection's context. */
  void offer(Part part) {
    if (stopped) {
      part.abandon();
      return;
    }
    waiting.add(part);
    drain();
  }

  /** Whether parts are waiting for a slot: the connection is pushing against its rate or window. */
  boolean backlog() {
    return !waiting.isEmpty();
  }

  /** Stops releasing; parts still waiting are abandoned (their messages go back to the queue). Completes once none is unanswered. */
  Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    for (Part p; (p = waiting.poll()) != null; ) {
      p.abandon();
    }
    idle = Promise.promise();
    if (unanswered == 0) {
      idle.complete();
    }
    return idle.future();
  }

  private void drain() {
    if (draining) {
      return; // a part answered at once (a closed session): the loop below goes on
    }
    draining = true;
    try {
      while (!stopped && !waiting.isEmpty() && unanswered < window) {
        long wait = throttle.tryAcquire();
        if (wait > 0) {
          wakeIn(wait);
          return;
        }
        Part best = waiting.poll();
        unanswered++;
        best.send().onComplete(r -> answered());
      }
    } finally {
      draining = false;
    }
  }

  private void answered() {
    unanswered--;
    if (stopped) {
      if (unanswered == 0 && idle != null) {
        idle.tryComplete();
      }
      return;
    }
    drain();
  }

  private void wakeIn(long nanos) {
    if (timer >= 0) {
      return;
    }
    timer = vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), t -> {
      timer = -1;
      drain();
    });
  }
}
