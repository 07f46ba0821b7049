package io.herald.messages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code herald_messages_total{state,smsc}}: every committed state change, counted once. */
public final class MessageMeters {
  private static final String NO_SMSC = "none";
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public MessageMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public void count(MessageState state, String smsc, int n) {
    String connection = smsc == null ? NO_SMSC : smsc;
    counters.computeIfAbsent(state.dbName() + "\u0000" + connection, k -> Counter.builder("herald_messages")
            .description("Messages that entered each state, by SMSC connection")
            .tag("state", state.dbName())
            .tag("smsc", connection)
            .register(registry))
        .increment(n);
  }

  public void count(Iterable<Transition> transitions) {
    for (Transition t : transitions) {
      count(t.state(), t.smsc(), 1);
    }
  }

  /** Also {@code herald_receipts_total{smsc,matched}}: receipts that found their part, and ones held. */
  public void count(Recorded recorded) {
    count(recorded.transitions());
    recorded.matchedReceiptSmscs().forEach(smsc -> receipts(smsc, "true").increment());
    recorded.heldReceiptSmscs().forEach(smsc -> receipts(smsc, "false").increment());
  }

  private Counter receipts(String smsc, String matched) {
    return counters.computeIfAbsent("receipt\u0000" + smsc + "\u0000" + matched, k -> Counter.builder("herald_receipts")
        .description("Delivery receipts by whether they matched a message part when they came")
        .tag("smsc", smsc)
        .tag("matched", matched)
        .register(registry));
  }
}
