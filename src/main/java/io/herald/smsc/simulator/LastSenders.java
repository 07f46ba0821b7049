package io.herald.smsc.simulator;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The address the last accepted submit to each number came from, so a reply from that number can go back to it
 * without being told where. Bounded: a million-message run must not grow the simulator's heap with it.
 */
final class LastSenders {
  private static final int MAX_NUMBERS = 10_000;
  private final Map<String, String> byNumber = new ConcurrentHashMap<>();

  void remember(String destination, String source) {
    if (destination == null || source == null || source.isEmpty()) {
      return;
    }
    String key = key(destination);
    if (byNumber.size() >= MAX_NUMBERS && !byNumber.containsKey(key)) {
      Iterator<String> any = byNumber.keySet().iterator();
      if (any.hasNext()) {
        any.next();
        any.remove(); // any one will do: this only saves typing in a demo
      }
    }
    byNumber.put(key, source);
  }

  Optional<String> to(String phone) {
    return Optional.ofNullable(byNumber.get(key(phone)));
  }

  /** Herald submits E.164 numbers without their '+'; a reply names them with it. */
  private static String key(String number) {
    return number.startsWith("+") ? number.substring(1) : number;
  }
}
