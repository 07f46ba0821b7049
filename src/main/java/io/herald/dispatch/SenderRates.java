package io.herald.dispatch;

import java.util.HashMap;
import java.util.Map;

/** The senders with a rate of their own (accounts' settings) and the window that enforces each. */
final class SenderRates {
  private final Map<String, RateWindow> windows = new HashMap<>();
  private Map<String, Double> limits = Map.of();

  /** Limits keyed "accountId:sender", as the account store reads them; a changed limit gets a new window. */
  void limits(Map<String, Double> limits) {
    this.limits = limits;
  }

  /** The sender's window, or null when it has no rate of its own. */
  RateWindow window(long accountId, String sender, long nanos) {
    if (sender == null) {
      return null;
    }
    String key = accountId + ":" + sender;
    Double limit = limits.get(key);
    if (limit == null) {
      return null;
    }
    return windows.computeIfAbsent(key + "@" + limit, k -> new RateWindow(limit, nanos));
  }

  /** How many the sender may hand over now; unlimited senders are not capped. */
  int room(long accountId, String sender, long nanos) {
    RateWindow window = window(accountId, sender, nanos);
    return window == null ? Integer.MAX_VALUE : window.available(nanos);
  }
}
