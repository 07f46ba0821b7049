package io.herald.dispatch;

import java.util.HashMap;
import java.util.Map;

/**
 * The senders with a rate of their own and the accounts with a rate for the account as a whole
 * (accounts' settings), and the window that enforces each.
 */
final class SenderRates {
  private final Map<String, RateWindow> windows = new HashMap<>();
  private Map<String, Double> limits = Map.of();
  private Map<Long, Double> accountLimits = Map.of();

  /** Rates of whole accounts, by account id; a changed rate gets a new window. */
  void accountLimits(Map<Long, Double> limits) {
    this.accountLimits = limits;
  }

  /** The account's window, or null when the account has no rate of its own. */
  RateWindow accountWindow(long accountId, long nanos) {
    Double limit = accountLimits.get(accountId);
    return limit == null ? null : windows.computeIfAbsent("account " + accountId + "@" + limit,
        k -> new RateWindow(limit, nanos));
  }

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

  /** How many the sender may hand over now, within its account's rate; unlimited ones are not capped. */
  int room(long accountId, String sender, long nanos) {
    RateWindow window = window(accountId, sender, nanos);
    RateWindow account = accountWindow(accountId, nanos);
    return Math.min(window == null ? Integer.MAX_VALUE : window.available(nanos),
        account == null ? Integer.MAX_VALUE : account.available(nanos));
  }
}
