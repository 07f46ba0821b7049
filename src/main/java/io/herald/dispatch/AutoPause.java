package io.herald.dispatch;

import io.herald.config.AutoPauseConfig;
import io.herald.messages.ClaimedMessage;
import io.herald.smsc.CommandStatus;
import io.herald.smsc.SubmitOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches each job's recent submit outcomes and says when the job should stop itself: too many
 * permanent refusals among its last outcomes (a list of bad numbers, a sender the carrier refuses),
 * or every submit throttled for too long. Conversation texts are never watched. The counts are this
 * node's view of its own submits, a trigger only: the pause and its reason are written to the job.
 */
final class AutoPause {
  private static final String THROTTLED = CommandStatus.hex(CommandStatus.ESME_RTHROTTLED);
  private static final String QUEUE_FULL = CommandStatus.hex(CommandStatus.ESME_RMSGQFUL);

  /** A job to pause, why in words for its page and its notification, and the cause: failures or throttled. */
  record Trip(long jobId, long accountId, String reason, String cause) {}

  private final AutoPauseConfig config;
  private final Map<Long, Recent> jobs = new HashMap<>();

  AutoPause(AutoPauseConfig config) {
    this.config = config;
  }

  /** Null, or the job to pause now (it is forgotten here, so it trips once). */
  Trip observe(ClaimedMessage message, SubmitOutcome outcome, Instant now) {
    if (!config.enabled() || message.jobId() == null || "conversation".equals(message.lane())) {
      return null;
    }
    Recent recent = jobs.computeIfAbsent(message.jobId(), id -> new Recent(config.window()));
    String reason = recent.add(outcome, now);
    if (reason == null) {
      return null;
    }
    jobs.remove(message.jobId());
    return new Trip(message.jobId(), message.accountId(), reason, recent.throttledSince != null ? "throttled" : "failures");
  }

  /** One job's last outcomes, as a ring, and since when every submit was throttled. */
  private final class Recent {
    private final String[] codes;
    private final boolean[] failed;
    private int next;
    private int filled;
    private int failures;
    private Instant throttledSince;

    Recent(int window) {
      codes = new String[window];
      failed = new boolean[window];
    }

    String add(SubmitOutcome outcome, Instant now) {
      boolean throttled = outcome.kind() == SubmitOutcome.Kind.TEMPORARY_ERROR
          && (THROTTLED.equals(outcome.errorCode()) || QUEUE_FULL.equals(outcome.errorCode()));
      if (throttled) {
        throttledSince = throttledSince == null ? now : throttledSince;
        if (Duration.between(throttledSince, now).toSeconds() >= config.throttledSeconds()) {
          return "every submit of it was throttled by the SMSC (" + name(outcome.errorCode()) + ") for "
              + config.throttledSeconds() + " seconds";
        }
        return null;
      }
      throttledSince = null;
      boolean permanent = outcome.kind() == SubmitOutcome.Kind.PERMANENT_ERROR;
      if (filled == codes.length && failed[next]) {
        failures--;
      }
      codes[next] = permanent ? outcome.errorCode() : null;
      failed[next] = permanent;
      failures += permanent ? 1 : 0;
      next = (next + 1) % codes.length;
      filled = Math.min(filled + 1, codes.length);
      if (failures >= config.failures()) {
        return failures + " of its last " + filled + " messages were refused with a permanent error (most often "
            + name(commonest()) + ")";
      }
      return null;
    }

    private String commonest() {
      Map<String, Integer> counts = new HashMap<>();
      String best = null;
      for (int i = 0; i < filled; i++) {
        if (failed[i] && codes[i] != null) {
          int n = counts.merge(codes[i], 1, Integer::sum);
          if (best == null || n > counts.get(best)) {
            best = codes[i];
          }
        }
      }
      return best;
    }
  }

  /** {@code 0x0000000B} reads as {@code ESME_RINVDSTADR (0x0000000B)}; other codes as they are. */
  private static String name(String code) {
    if (code == null) {
      return "unknown";
    }
    try {
      return CommandStatus.name((int) Long.decode(code).longValue()) + " (" + code + ")";
    } catch (NumberFormatException e) {
      return code;
    }
  }
}
