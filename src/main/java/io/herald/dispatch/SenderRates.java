package io.herald.dispatch;

import io.herald.accounts.AccountStore;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.SendResult;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The senders with a rate of their own and the accounts with a rate for the account as a whole
 * (accounts' settings), the window that enforces each, and the senders bound to an SMSC connection.
 */
final class SenderRates {
  private final Map<String, RateWindow> windows = new HashMap<>();
  private Map<String, Double> limits = Map.of();
  private Map<Long, Double> accountLimits = Map.of();
  private Map<String, String> routes = Map.of();

  /** The SMSC connection each routed sender must use, keyed "accountId:sender". */
  void routes(Map<String, String> routes) {
    this.routes = routes;
  }

  /** The connection the sender must use, or null when the configured routes decide. */
  String route(long accountId, String sender) {
    return sender == null ? null : routes.get(accountId + ":" + sender);
  }

  /** Reads the senders' rates and routes and the accounts' rates as the accounts' settings have them now. */
  Future<Void> read(AccountStore accounts) {
    return Future.all(accounts.senderRules(), accounts.accountRates()).map(both -> {
      AccountStore.SenderRules senders = both.resultAt(0);
      limits(senders.rates());
      routes(senders.routes());
      accountLimits(both.resultAt(1));
      return null;
    });
  }

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

  /**
   * Takes a hand-over from the message's sender and account windows; when either is full, the result
   * that puts the message back until it has room (nothing is taken then).
   */
  SendResult take(ClaimedMessage message, Instant now, long nanos) {
    RateWindow account = accountWindow(message.accountId(), nanos);
    if (account != null && account.available(nanos) < 1) {
      return SendResult.notTried(message.id(), now.plusNanos(account.waitNanos(nanos)), "account rate limit");
    }
    RateWindow sender = window(message.accountId(), message.sender(), nanos);
    if (sender != null && !sender.tryTake(nanos)) {
      return SendResult.notTried(message.id(), now.plusNanos(sender.waitNanos(nanos)), "sender rate limit");
    }
    if (account != null) {
      account.tryTake(nanos);
    }
    return null;
  }

  /** How many the sender may hand over now, within its account's rate; unlimited ones are not capped. */
  int room(long accountId, String sender, long nanos) {
    RateWindow window = window(accountId, sender, nanos);
    RateWindow account = accountWindow(accountId, nanos);
    return Math.min(window == null ? Integer.MAX_VALUE : window.available(nanos),
        account == null ? Integer.MAX_VALUE : account.available(nanos));
  }
}
