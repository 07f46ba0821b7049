package io.herald.dispatch;

import io.herald.jobs.JobStore;
import io.herald.messages.MessageMeters;
import io.herald.messages.Outcomes;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the dispatcher does on a clock rather than on work: jobs' start and end times, old held receipts. */
final class Housekeeping {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  private final JobStore jobs;
  private final Outcomes store;
  private final MessageMeters meters;
  private final JobCompletion completion;
  private final int unmatchedRetentionHours;
  private final Clock clock;

  Housekeeping(JobStore jobs, Outcomes store, MessageMeters meters, JobCompletion completion,
               int unmatchedRetentionHours, Clock clock) {
    this.jobs = jobs;
    this.store = store;
    this.meters = meters;
    this.completion = completion;
    this.unmatchedRetentionHours = unmatchedRetentionHours;
    this.clock = clock;
  }

  /** Every second: scheduled jobs start, ended jobs expire what they have left. Answers how many started. */
  Future<Integer> jobTimes() {
    Instant now = clock.instant();
    return jobs.startDue(now)
        .compose(started -> jobs.expireEnded(now).map(expired -> {
          meters.count(expired);
          completion.after(expired);
          return started;
        }))
        .compose(started -> jobs.cancelStragglers().map(cancelled -> {
          meters.count(cancelled);
          return started;
        }));
  }

  /** Every hour: receipts that matched no message within the retention are forgotten. */
  void purgeHeldReceipts() {
    store.purgeHeldReceipts(unmatchedRetentionHours).onSuccess(n -> {
      if (n > 0) {
        log.info("forgot {} receipts that matched no message within {} h", n, unmatchedRetentionHours);
      }
    });
  }
}
