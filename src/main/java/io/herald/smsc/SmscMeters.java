package io.herald.smsc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** One connection's meters (tagged smsc=name), and the counters operators see in its snapshot. */
final class SmscMeters {
  private final Timer submitTimer;
  private final Counter submitsOk;
  private final Counter submitsTemporary;
  private final Counter submitsPermanent;
  private final Counter throttled;
  private final Counter receipts;
  private final List<SmppLink> links;
  private final String name;
  private final MeterRegistry registry;
  private final Map<Integer, Counter> refusals = new ConcurrentHashMap<>();
  /** Held here: a gauge keeps only a weak reference to what it reads. */
  private final BooleanSupplier bound;

  SmscMeters(String name, MeterRegistry registry, AtomicInteger inFlight, List<SmppLink> links, BooleanSupplier bound) {
    this.links = links;
    this.bound = bound;
    this.name = name;
    this.registry = registry;
    // the refusals an operator watches for exist before the first one, so their rate is 0, not absent
    refused(CommandStatus.ESME_RTHROTTLED, 0);
    refused(CommandStatus.ESME_RMSGQFUL, 0);
    this.submitTimer = Timer.builder("herald_submit").description("Time from submit_sm to its response")
        .tag("smsc", name).publishPercentileHistogram().register(registry);
    this.submitsOk = submits(registry, name, "ok");
    this.submitsTemporary = submits(registry, name, "temporary_error");
    this.submitsPermanent = submits(registry, name, "permanent_error");
    this.throttled = Counter.builder("herald_smsc_throttled").tag("smsc", name)
        .description("Submits the SMSC answered with ESME_RTHROTTLED or ESME_RMSGQFUL").register(registry);
    this.receipts = Counter.builder("herald_smsc_receipts").tag("smsc", name)
        .description("Delivery receipts received").register(registry);
    Gauge.builder("herald_smsc_bound", this, m -> m.bound.getAsBoolean() ? 1 : 0)
        .tag("smsc", name)
        .description("1 when the connection is bound").register(registry);
    Gauge.builder("herald_smsc_in_flight", inFlight, AtomicInteger::get).tag("smsc", name)
        .description("Submits waiting for their response").register(registry);
    FunctionCounter.builder("herald_smsc_reconnects", links, l -> l.stream().mapToLong(SmppLink::reconnects).sum())
        .tag("smsc", name).description("Bound sessions lost").register(registry);
    FunctionCounter.builder("herald_smsc_bind_failures", links, l -> l.stream().mapToLong(SmppLink::bindFailures).sum())
        .tag("smsc", name).description("Bind attempts that failed (refused, unreachable, timed out)").register(registry);
  }

  private static Counter submits(MeterRegistry registry, String name, String result) {
    return Counter.builder("herald_smsc_submits").tag("smsc", name).tag("result", result)
        .description("submit_sm by result").register(registry);
  }

  void ok() {
    submitsOk.increment();
  }

  void temporary() {
    submitsTemporary.increment();
  }

  void permanent() {
    submitsPermanent.increment();
  }

  /** A submit_sm_resp or generic_nack with this error status: herald_smsc_submit_errors_total{command_status}. */
  void refused(int commandStatus) {
    refused(commandStatus, 1);
  }

  private void refused(int commandStatus, int n) {
    // SMPP's statuses are a bounded set (one byte of vendor codes at most): fine as a label
    refusals.computeIfAbsent(commandStatus, s -> Counter.builder("herald_smsc_submit_errors").tag("smsc", name)
        .tag("command_status", CommandStatus.hex(s)).description("submit_sm answered with an error, by command_status")
        .register(registry)).increment(n);
  }

  void throttled() {
    throttled.increment();
  }

  void receipt() {
    receipts.increment();
  }

  /** From the moment the submit_sm was written (after pacing) to its response. */
  void answered(long writtenNanos) {
    submitTimer.record(System.nanoTime() - writtenNanos, TimeUnit.NANOSECONDS);
  }

  /** The counters of the operators' snapshot, added to it. */
  JsonObject addTo(JsonObject snapshot) {
    return snapshot
        .put("submitted", (long) submitsOk.count())
        .put("temporaryErrors", (long) submitsTemporary.count())
        .put("permanentErrors", (long) submitsPermanent.count())
        .put("throttled", (long) throttled.count())
        .put("receipts", (long) receipts.count())
        .put("reconnects", links.stream().mapToLong(SmppLink::reconnects).sum())
        .put("bindFailures", links.stream().mapToLong(SmppLink::bindFailures).sum());
  }
}
