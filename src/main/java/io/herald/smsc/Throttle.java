package io.herald.smsc;

/**
 * Paces submit_sm on one connection. Two rules, both checked when a submit is actually released:
 * submits are spaced 1/rate apart (smooth, close to the rate when there is work), and no more than
 * {@code tps} are released in any sliding second (a hard cap, whatever the scheduling jitter).
 * After the SMSC says it is throttled, the rate halves and then climbs back to tps over
 * {@link #RECOVERY_NANOS}. Blocking: call only on submit threads.
 */
final class Throttle {
  static final long RECOVERY_NANOS = 10_000_000_000L;
  private static final long SECOND_NANOS = 1_000_000_000L;
  // releases are a little ahead of their arrival at the SMSC; keep a margin for that jitter
  private static final long WINDOW_NANOS = SECOND_NANOS + 3_000_000L;
  // a submit released late (a busy core, a pause) may make up for the lost time, up to this much;
  // the sliding second still caps every second at tps
  private static final long CATCH_UP_NANOS = 20_000_000L;

  private final int tps;
  private final long[] released; // ring of the last tps release times
  private int oldest;
  private long nextSlot;
  private double rate;
  private long rateAt;
  private long throttleEvents;

  Throttle(int tps) {
    this.tps = tps;
    this.released = new long[tps];
    long now = System.nanoTime();
    java.util.Arrays.fill(released, now - 2 * WINDOW_NANOS);
    this.nextSlot = now;
    this.rate = tps;
    this.rateAt = now;
  }

  /** Blocks until this submit may go. */
  void acquire() throws InterruptedException {
    while (true) {
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        recover(now);
        long earliest = Math.max(nextSlot, released[oldest] + WINDOW_NANOS);
        if (earliest <= now) {
          released[oldest] = now;
          oldest = (oldest + 1) % tps;
          nextSlot = Math.max(nextSlot, now - Math.max(CATCH_UP_NANOS, intervalNanos())) + intervalNanos();
          return;
        }
        wait = earliest - now;
      }
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  /** The SMSC answered ESME_RTHROTTLED or ESME_RMSGQFUL: halve the rate, then recover gradually. */
  synchronized void throttled() {
    long now = System.nanoTime();
    recover(now);
    rate = Math.max(1.0, rate / 2);
    throttleEvents++;
  }

  synchronized double currentRate() {
    recover(System.nanoTime());
    return rate;
  }

  synchronized long throttleEvents() {
    return throttleEvents;
  }

  private void recover(long now) {
    rate = Math.min(tps, rate + (double) tps * (now - rateAt) / RECOVERY_NANOS);
    rateAt = now;
  }

  private long intervalNanos() {
    return (long) (SECOND_NANOS / rate);
  }
}
