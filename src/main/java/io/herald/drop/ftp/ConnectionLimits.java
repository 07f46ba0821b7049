package io.herald.drop.ftp;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open control connections of this node's FTP site, in all and per client address, so that nobody
 * can hold the site's threads and sockets with connections that never log in. A limit on what one
 * process holds open, so it is counted in this process.
 */
final class ConnectionLimits {
  private final int max;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

  ConnectionLimits(int max, int maxPerAddress) {
    this.max = max;
    this.maxPerAddress = maxPerAddress;
  }

  /** Takes a place for a new connection; the reason it is refused otherwise (and nothing taken). */
  String open(InetAddress address) {
    if (total.incrementAndGet() > max) {
      total.decrementAndGet();
      return "Too many connections to this site (" + max + "): try again later.";
    }
    if (byAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
      close(address);
      return "Too many connections from your address (" + maxPerAddress + "): close some and try again.";
    }
    return null;
  }

  void close(InetAddress address) {
    total.decrementAndGet();
    byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }
}
