package io.herald.drop.ftp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed FTP logins by address: after {@code limit} failures within the block time, the address is
 * refused for the block time. A successful login forgets the address's failures.
 */
public final class LoginThrottle {
  private static final int MAX_ADDRESSES = 100_000;

  private final int limit;
  private final long blockMillis;
  private final Clock clock;
  private final Map<InetAddress, Failures> byAddress = new ConcurrentHashMap<>();

  private static final class Failures {
    final Deque<Long> times = new ArrayDeque<>();
    long blockedUntil;
  }

  public LoginThrottle(int limit, long blockMillis, Clock clock) {
    this.limit = limit;
    this.blockMillis = blockMillis;
    this.clock = clock;
  }

  /** Milliseconds the address is still blocked for; 0 when it may try. */
  public long blockedFor(InetAddress address) {
    Failures f = byAddress.get(address);
    if (f == null) {
      return 0;
    }
    synchronized (f) {
      return Math.max(0, f.blockedUntil - clock.millis());
    }
  }

  public void failed(InetAddress address) {
    if (blockMillis == 0) {
      return;
    }
    long now = clock.millis();
    if (byAddress.size() >= MAX_ADDRESSES) {
      forgetOld(now);
    }
    Failures f = byAddress.computeIfAbsent(address, a -> new Failures());
    synchronized (f) {
      f.times.addLast(now);
      while (!f.times.isEmpty() && f.times.peekFirst() <= now - blockMillis) {
        f.times.removeFirst();
      }
      if (f.times.size() >= limit) {
        f.blockedUntil = now + blockMillis;
        f.times.clear();
      }
    }
  }

  public void succeeded(InetAddress address) {
    byAddress.remove(address);
  }

  private void forgetOld(long now) {
    for (Iterator<Failures> it = byAddress.values().iterator(); it.hasNext(); ) {
      Failures f = it.next();
      synchronized (f) {
        if (f.blockedUntil < now && (f.times.isEmpty() || f.times.peekLast() <= now - blockMillis)) {
          it.remove();
        }
      }
    }
  }
}
