package io.herald.dispatch;

import io.herald.config.AutoPauseConfig;
import io.herald.jobs.JobEvents;
import io.herald.jobs.JobStore;
import io.herald.messages.ClaimedMessage;
import io.herald.smsc.SubmitOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs that pause themselves: each outcome goes to {@link AutoPause}; when it trips, the job is
 * paused with its reason in the database, {@link JobEvents#PAUSED} is published,
 * {@code herald_job_auto_pauses_total{reason}} counts it, and dispatch is told to look again.
 */
final class SelfPauses {
  private static final Logger log = LoggerFactory.getLogger(SelfPauses.class);
  private final AutoPause autoPause;
  private final JobStore jobs;
  private final Clock clock;
  private final Map<String, Counter> counted = new HashMap<>();

  SelfPauses(AutoPauseConfig config, JobStore jobs, Clock clock, MeterRegistry registry) {
    this.autoPause = new AutoPause(config);
    this.jobs = jobs;
    this.clock = clock;
    for (String cause : List.of("failures", "throttled")) {
      counted.put(cause, Counter.builder("herald_job_auto_pauses").tag("reason", cause)
          .description("Jobs that paused themselves, by why").register(registry));
    }
  }

  /** One outcome of a message; paused runs once its job is paused. */
  void observe(ClaimedMessage message, SubmitOutcome outcome, EventBus bus, Runnable paused) {
    AutoPause.Trip trip = autoPause.observe(message, outcome, clock.instant());
    if (trip == null) {
      return;
    }
    jobs.autoPause(trip.jobId(), trip.reason()).onSuccess(name -> name.ifPresent(n -> {
      log.warn("job {} paused itself: {}", trip.jobId(), trip.reason());
      counted.get(trip.cause()).increment();
      bus.publish(JobEvents.PAUSED, JobEvents.paused(trip.accountId(), trip.jobId(), n, trip.reason(), clock.instant()));
      paused.run();
    }));
  }
}
