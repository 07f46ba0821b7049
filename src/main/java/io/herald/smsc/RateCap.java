package io.herald.smsc;

import java.util.Arrays;

/**
 * A hard cap at the socket: no more than {@code perSecond} submit_sm written in any sliding
 * second. The {@link Throttle} before it spaces submits evenly; this catches what scheduling
 * jitter between the two would let through.
 */
final class RateCap {
  private static final long WINDOW_NANOS = 1_002_000_000L;
  private final long[] written;
  private int oldest;

  RateCap(int perSecond) {
    this.written = new long[perSecond];
    Arrays.fill(written, System.nanoTime() - 2 * WINDOW_NANOS);
  }

  synchronized void acquire() throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      long wait = written[oldest] + WINDOW_NANOS - now;
      if (wait <= 0) {
        written[oldest] = now;
        oldest = (oldest + 1) % written.length;
        return;
      }
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
