package io.herald.smsc;

/**
 * Paces submit_sm on one connection. Two rules, both checked when a submit is actually released:
 * submits are spaced 1/rate apart (smooth, close to the rate when there is work), and no more than
 * {@code tps} are released in any sliding second (a hard cap, whatever the scheduling jitter).
 *
 * <p>The rate finds what the SMSC takes. When it answers ESME_RTHROTTLED or ESME_RMSGQFUL, the
 * submits it accepted in the last second are its ceiling (a known ceiling is lowered by at most 5%
 * a refusal, so a passing burst of full queues does not ratchet it down; a quiet connection, with
 * nothing waiting and fewer than {@link #PUSHING} accepted, learns nothing and only halves its rate): the rate drops to 90% of that (once per
 * {@link #HOLD_NANOS}: the other refusals of the same burst were already in flight), climbs back to
 * 97% of it in two seconds, then probes above it by 1% of it a second; once it has gone
 * {@link #FORGET_NANOS} without a refusal, the ceiling is forgotten and the rate grows by a tenth
 * a second back to tps. The connection keeps its throttle, and so what it learnt, across rebinds.
 * The release is the moment the submit_sm is written: the sliding second holds at the socket.
 */
final class Throttle {
  /** After a decrease, further refusals of the same burst do not lower the rate again for this long. */
  static final long HOLD_NANOS = 1_000_000_000L;
  /** Without a refusal for this long, the SMSC's ceiling is taken to have gone. */
  static final long FORGET_NANOS = 30_000_000_000L;
  private static final long SECOND_NANOS = 1_000_000_000L;
  // releases are a little ahead of their arrival at the SMSC; keep a margin for that jitter
  private static final long WINDOW_NANOS = SECOND_NANOS + 3_000_000L;
  // a submit released late (a busy core, a pause) may make up for the lost time, up to this much;
  // the sliding second still caps every second at tps
  private static final long CATCH_UP_NANOS = 20_000_000L;
  /** Accepted in the last second, at least, for a refusal to teach a ceiling when nothing was waiting. */
  static final int PUSHING = 20;
  private static final double DECREASE = 0.9;
  private static final double LOWER_AT_MOST = 0.95;
  private static final double NEAR = 0.97;
  private static final double CLIMB_SECONDS = 2;
  private static final double PROBE_PER_SECOND = 0.01;
  private static final double GROWTH_PER_SECOND = 0.1;

  private final int tps;
  private final long[] released; // ring of the last tps release times
  private int oldest;
  private long nextSlot;
  private double rate;
  private long rateAt;
  private double ceiling; // 0: none known
  private long decreasedAt;
  private long throttleEvents;
  private final long[] acceptedAt; // ring of the last tps accepted submits' times (no more fit in a second)
  private int nextAccepted;

  Throttle(int tps) {
    this.tps = tps;
    this.released = new long[tps];
    this.acceptedAt = new long[tps];
    long now = System.nanoTime();
    java.util.Arrays.fill(released, now - 2 * WINDOW_NANOS);
    java.util.Arrays.fill(acceptedAt, now - 2 * SECOND_NANOS);
    this.nextSlot = now;
    this.rate = tps;
    this.rateAt = now;
    this.decreasedAt = now - FORGET_NANOS;
  }

  /** Releases this submit now and answers 0, or answers how many nanoseconds to wait before asking again. */
  synchronized long tryAcquire() {
    long now = System.nanoTime();
    recover(now);
    long earliest = Math.max(nextSlot, released[oldest] + WINDOW_NANOS);
    if (earliest > now) {
      return earliest - now;
    }
    released[oldest] = now;
    oldest = (oldest + 1) % tps;
    nextSlot = Math.max(nextSlot, now - Math.max(CATCH_UP_NANOS, intervalNanos())) + intervalNanos();
    return 0;
  }

  /** The SMSC took a submit: counted for the ceiling a refusal reveals. */
  synchronized void accepted() {
    acceptedAt[nextAccepted] = System.nanoTime();
    nextAccepted = (nextAccepted + 1) % acceptedAt.length;
  }

  /**
   * The SMSC answered ESME_RTHROTTLED or ESME_RMSGQFUL. backlog: texts were waiting for a slot.
   * When the connection was pushing (a backlog, or {@link #PUSHING} accepted in the last second),
   * what the SMSC took in the last second is its ceiling.
   */
  synchronized void throttled(boolean backlog) {
    long now = System.nanoTime();
    throttleEvents++;
    recover(now);
    if (now - decreasedAt < HOLD_NANOS) {
      return;
    }
    int took = acceptedLastSecond(now);
    if (!backlog && took < PUSHING) {
      // nothing waited and little went: a quiet connection (one text, then a refusal) says nothing
      // of the SMSC's rate; halve the rate and let it grow back rather than take what went for a contract
      rate = Math.max(1.0, Math.min(rate, tps) / 2);
      decreasedAt = now;
      return;
    }
    double found = took > 0 ? Math.min(tps, took) : Math.max(1.0, rate / 2);
    // a refusal below the known ceiling is more likely a passing burst (a full queue) than a lower
    // contract: the ceiling gives way by a little each time, not all the way down at once
    ceiling = ceiling > 0 ? Math.max(found, LOWER_AT_MOST * ceiling) : found;
    rate = Math.max(1.0, Math.min(rate, ceiling) * DECREASE);
    decreasedAt = now;
  }

  synchronized double currentRate() {
    recover(System.nanoTime());
    return rate;
  }

  /** The ceiling learnt from the SMSC's last refusal, or 0 when none is known. */
  synchronized double ceiling() {
    recover(System.nanoTime());
    return ceiling;
  }

  synchronized long throttleEvents() {
    return throttleEvents;
  }

  /** Counted when the SMSC refuses, about once a second at most: a scan of the ring is cheap then. */
  private int acceptedLastSecond(long now) {
    int sum = 0;
    for (long at : acceptedAt) {
      if (now - at < SECOND_NANOS) {
        sum++;
      }
    }
    return sum;
  }

  private void recover(long now) {
    double seconds = (now - rateAt) / 1e9;
    rateAt = now;
    if (ceiling > 0 && now - decreasedAt >= FORGET_NANOS) {
      ceiling = 0;
    }
    if (ceiling == 0) {
      rate = Math.min(tps, rate * (1 + GROWTH_PER_SECOND * seconds));
    } else if (rate < NEAR * ceiling) {
      rate = Math.min(NEAR * ceiling, rate + (NEAR - DECREASE) * ceiling * seconds / CLIMB_SECONDS);
    } else {
      rate = Math.min(tps, rate + PROBE_PER_SECOND * ceiling * seconds);
    }
  }

  private long intervalNanos() {
    return (long) (SECOND_NANOS / rate);
  }
}
