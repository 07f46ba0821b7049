package io.herald.smsc;

/**
 * Paces submits to at most {@code tps} a second: each acquire takes the next free slot, slots are
 * 1/tps apart, and the caller sleeps until its slot. Even spacing keeps every one-second window at
 * or under tps, which is what an SMSC's throttle counts. Blocking: call only on submit threads.
 */
final class TokenBucket {
  private final long intervalNanos;
  private long nextSlot;

  TokenBucket(int tps) {
    this.intervalNanos = 1_000_000_000L / tps;
    this.nextSlot = System.nanoTime();
  }

  void acquire() throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
