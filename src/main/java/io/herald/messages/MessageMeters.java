package io.herald.messages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code herald_messages_total{state,smsc}}: every committed state change, counted once. */
public final class MessageMeters {
  private static final String NO_SMSC = "none";
  private final MeterRegistry registry;
  /** Receipts come in seconds to days: buckets an operator reads (1 s to 2 days). */
  private static final Duration[] LAG_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48)};
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> lags = new ConcurrentHashMap<>();

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

  /**
   * Also {@code herald_receipts_total{smsc,matched}} (receipts that found their part, and ones held)
   * and {@code herald_receipt_lag_seconds{smsc}} (a part's submit to its receipt).
   */
  public void count(Recorded recorded) {
    count(recorded.transitions());
    for (Recorded.Matched m : recorded.matchedReceipts()) {
      receipts(m.smsc(), "true").increment();
      lags.computeIfAbsent(m.smsc(), this::lag).record(Duration.ofNanos((long) (m.lagSeconds() * 1e9)));
    }
    recorded.heldReceiptSmscs().forEach(smsc -> receipts(smsc, "false").increment());
  }

  /** Rows an intake source handed in: queued, and refused. */
  public void ingested(String source, long accepted, long rejected) {
    ingest(source, "accepted").increment(accepted);
    ingest(source, "rejected").increment(rejected);
  }

  private Counter ingest(String source, String result) {
    return counters.computeIfAbsent("ingest\u0000" + source + "\u0000" + result, k -> Counter.builder("herald_ingest_rows")
        .description("Rows handed to the intake, by source and whether they were queued").tag("source", source)
        .tag("result", result).register(registry));
  }

  /** A connection's receipt meters exist from its start, so dashboards and rules have series before traffic. */
  public void register(String smsc) {
    receipts(smsc, "true");
    receipts(smsc, "false");
    lags.computeIfAbsent(smsc, this::lag);
  }

  private Timer lag(String smsc) {
    return Timer.builder("herald_receipt_lag").description("Time from a part's submit to its delivery receipt")
        .tag("smsc", smsc).serviceLevelObjectives(LAG_BUCKETS).minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofDays(3)).register(registry);
  }

  private Counter receipts(String smsc, String matched) {
    return counters.computeIfAbsent("receipt\u0000" + smsc + "\u0000" + matched, k -> Counter.builder("herald_receipts")
        .description("Delivery receipts by whether they matched a message part when they came")
        .tag("smsc", smsc)
        .tag("matched", matched)
        .register(registry));
  }
}
