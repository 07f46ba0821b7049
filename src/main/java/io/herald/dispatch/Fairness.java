package io.herald.dispatch;

import io.herald.jobs.Unit;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.Quota;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * How a lane's capacity is shared: equally between its accounts, then equally between each
 * account's units (jobs, and the messages sent without one), starting the split at a different place
 * each round so remainders go round too. Pure, so its fairness is tested without a database.
 */
final class Fairness {
  private int rotation;

  /** One quota per unit that may claim now; room caps a unit (its sender's own rate), MAX_VALUE when unlimited. */
  List<Quota> quotas(List<Unit> units, int capacity, ToIntFunction<Unit> room) {
    if (units.isEmpty() || capacity <= 0) {
      return List.of();
    }
    Map<Long, List<Unit>> byAccount = new LinkedHashMap<>();
    for (Unit u : units) {
      byAccount.computeIfAbsent(u.accountId(), k -> new ArrayList<>()).add(u);
    }
    List<List<Unit>> accountsInTurn = new ArrayList<>(byAccount.values());
    int turn = rotation++ & Integer.MAX_VALUE;
    List<Quota> quotas = new ArrayList<>();
    int[] accountShares = split(capacity, accountsInTurn.size(), turn);
    for (int a = 0; a < accountsInTurn.size(); a++) {
      List<Unit> own = accountsInTurn.get((a + turn) % accountsInTurn.size());
      int[] unitShares = split(accountShares[a], own.size(), turn);
      for (int i = 0; i < own.size(); i++) {
        Unit unit = own.get((i + turn) % own.size());
        int quota = Math.min(unitShares[i], room.applyAsInt(unit));
        if (quota > 0) {
          quotas.add(new Quota(unit.jobId(), unit.accountId(), quota));
        }
      }
    }
    return quotas;
  }

  /** total in parts as equal as can be; which parts get the remainder turns with turn. */
  static int[] split(int total, int parts, int turn) {
    int[] shares = new int[parts];
    for (int i = 0; i < parts; i++) {
      shares[i] = total / parts + ((i + parts - turn % parts) % parts < total % parts ? 1 : 0);
    }
    return shares;
  }

  /** Claimed messages alternate between their units, so the first unit does not take every window. */
  static List<ClaimedMessage> interleave(List<ClaimedMessage> claimed) {
    Map<String, ArrayDeque<ClaimedMessage>> byUnit = new LinkedHashMap<>();
    for (ClaimedMessage m : claimed) {
      byUnit.computeIfAbsent(m.jobId() != null ? "j" + m.jobId() : "a" + m.accountId(), k -> new ArrayDeque<>()).add(m);
    }
    List<ClaimedMessage> order = new ArrayList<>(claimed.size());
    while (order.size() < claimed.size()) {
      for (var queue : byUnit.values()) {
        ClaimedMessage m = queue.poll();
        if (m != null) {
          order.add(m);
        }
      }
    }
    return order;
  }
}
