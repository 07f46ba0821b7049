package io.herald.dispatch;

import java.util.Arrays;

/**
 * A sender's own rate limit, checked without blocking on the dispatch event loop: at most n
 * hand-overs in any period (n = the rate rounded down, at least 1; period = n / rate seconds,
 * plus a margin for the way from hand-over to the wire).
 */
final class RateWindow {
  private static final long MARGIN_NANOS = 100_000_000L;
  private final long[] taken;
  private final long periodNanos;
  private int oldest;

  RateWindow(double perSecond, long now) {
    int n = Math.max(1, (int) Math.floor(perSecond));
    this.taken = new long[n];
    this.periodNanos = (long) (n / perSecond * 1e9) + MARGIN_NANOS;
    Arrays.fill(taken, now - 2 * periodNanos);
  }

  boolean tryTake(long now) {
    if (taken[oldest] + periodNanos > now) {
      return false;
    }
    taken[oldest] = now;
    oldest = (oldest + 1) % taken.length;
    return true;
  }

  int available(long now) {
    int n = 0;
    for (long t : taken) {
      if (t + periodNanos <= now) {
        n++;
      }
    }
    return n;
  }

  /** Nanoseconds until the next hand-over is allowed. */
  long waitNanos(long now) {
    return Math.max(0, taken[oldest] + periodNanos - now);
  }
}
