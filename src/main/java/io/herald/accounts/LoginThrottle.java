package io.herald.accounts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed log-ins per e-mail and per client address in a sliding window; past the limit,
 * further attempts are refused before any password is checked (which also spares the CPU that
 * Argon2 would burn on a guessing run).
 */
public final class LoginThrottle {
  public static final int PER_EMAIL = 5;
  public static final int PER_ADDRESS = 20;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_KEYS = 100_000;

  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  /** Minutes until this e-mail or address may try again; 0 when it may try now. */
  public long minutesLocked(String email, String address, long nowMillis) {
    long wait = Math.max(waitMillis("e:" + email.toLowerCase(), PER_EMAIL, nowMillis),
        waitMillis("a:" + address, PER_ADDRESS, nowMillis));
    return wait == 0 ? 0 : Math.max(1, (wait + 59_999) / 60_000);
  }

  public void failed(String email, String address, long nowMillis) {
    if (failures.size() > MAX_KEYS) {
      failures.clear(); // bounded memory under a flood of made-up e-mails
    }
    record("e:" + email.toLowerCase(), nowMillis);
    record("a:" + address, nowMillis);
  }

  public void succeeded(String email) {
    failures.remove("e:" + email.toLowerCase());
  }

  private void record(String key, long now) {
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(now);
    }
  }

  private long waitMillis(String key, int limit, long now) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
        times.removeFirst();
      }
      return times.size() < limit ? 0 : times.peekFirst() + WINDOW.toMillis() - now;
    }
  }
}
