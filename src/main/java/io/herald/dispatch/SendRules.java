package io.herald.dispatch;

import io.herald.config.HeraldConfig.DispatchConfig;
import io.herald.jobs.Unit;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.SendResult;
import io.herald.smsc.SubmitOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What becomes of a claimed message: whether it may go now (its job still running, before its end
 * time, inside its send window in the recipient's zone), and what a submit's outcome makes of it
 * (submitted, failed, or another attempt later). Pure: no I/O, tested on its own.
 */
final class SendRules {
  private final DispatchConfig config;
  private final Clock clock;

  SendRules(DispatchConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** The result that keeps the message from going now, or null when it may be submitted. */
  SendResult hold(ClaimedMessage message, Unit unit, ZoneId zone, Instant now) {
    if (message.jobId() != null && unit == null) { // its job was paused, cancelled or ended since the claim
      return SendResult.notTried(message.id(), now, "its job stopped running before it was sent");
    }
    if (unit != null && unit.endAt() != null && !now.isBefore(unit.endAt())) {
      return SendResult.expired(message.id(), null, List.of(), "end time", "the job's end time passed before it was sent");
    }
    if (unit != null && unit.schedule() != null && !unit.schedule().isOpen(now, zone)) {
      return SendResult.notTried(message.id(), unit.schedule().nextOpening(now, zone), "outside the send window");
    }
    return null;
  }

  static ZoneId zoneOf(ClaimedMessage message, Unit unit) {
    if (message.timeZone() != null) {
      return ZoneId.of(message.timeZone());
    }
    return unit != null ? unit.accountZone() : ZoneId.of("UTC");
  }

  SendResult outcome(ClaimedMessage message, Unit unit, ZoneId zone, SubmitOutcome outcome) {
    return switch (outcome.kind()) {
      case SUBMITTED -> SendResult.submitted(message.id(), outcome.smsc(), outcome.partIds());
      case PERMANENT_ERROR -> SendResult.failed(message.id(), outcome.smsc(), outcome.partIds(),
          outcome.errorCode(), outcome.errorDetail());
      case TEMPORARY_ERROR -> retry(message, unit, zone, outcome);
    };
  }

  /** A temporary error: again later, unless the attempts or the job's time are used up. */
  private SendResult retry(ClaimedMessage message, Unit unit, ZoneId zone, SubmitOutcome outcome) {
    if (message.attempts() >= config.maxAttempts()) {
      return SendResult.failed(message.id(), outcome.smsc(), outcome.partIds(), outcome.errorCode(),
          "gave up after " + message.attempts() + " attempts: " + outcome.errorDetail());
    }
    Instant at = clock.instant().plusMillis(retryDelay(message.attempts()));
    if (unit != null && unit.schedule() != null) {
      at = unit.schedule().nextOpening(at, zone);
    }
    if (unit != null && unit.endAt() != null && !at.isBefore(unit.endAt())) {
      return SendResult.expired(message.id(), outcome.smsc(), outcome.partIds(), outcome.errorCode(),
          "the job's end time came before another attempt: " + outcome.errorDetail());
    }
    return SendResult.retry(message.id(), outcome.smsc(), outcome.partIds(), at, outcome.errorCode(), outcome.errorDetail());
  }

  /** Exponential: retryMin, doubling per attempt, capped at retryMax. */
  long retryDelay(int attempts) {
    double delay = config.retryMinMillis() * Math.pow(2, Math.min(attempts - 1, 30));
    return (long) Math.min(delay, config.retryMaxMillis());
  }
}
