package io.herald.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code herald_outbox_mails{status}}: the outbox's mails pending, sent and failed, read every few seconds. */
final class OutboxGauges extends VerticleBase {
  private static final List<String> STATUSES = List.of("pending", "sent", "failed");
  private final Outbox outbox;
  private final long everyMillis;
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private long timer;

  OutboxGauges(Outbox outbox, MeterRegistry registry, long everyMillis) {
    this.outbox = outbox;
    this.everyMillis = everyMillis;
    for (String status : STATUSES) {
      Gauge.builder("herald_outbox_mails", counts, c -> c.getOrDefault(status, 0L)).tag("status", status)
          .description("Notification mails in the outbox by status").register(registry);
    }
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(1, everyMillis, t -> outbox.counts().onSuccess(found -> {
      // a mail being sent is still pending to whoever watches the outbox
      counts.put("pending", found.getOrDefault("pending", 0L) + found.getOrDefault("sending", 0L));
      counts.put("sent", found.getOrDefault("sent", 0L));
      counts.put("failed", found.getOrDefault("failed", 0L));
    }));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
