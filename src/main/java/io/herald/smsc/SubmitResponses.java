package io.herald.smsc;

import io.herald.config.SmscConfig;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultDecomposer;

/**
 * What the answer to one submit_sm (or its absence) means for its text: the part's SMSC id, or the
 * outcome that ends the attempt, counted in the connection's meters and taught to its throttle.
 */
final class SubmitResponses {
  private static final DefaultDecomposer DECOMPOSER = new DefaultDecomposer();
  private final String name;
  private final long timeoutMillis;
  private final SmscMeters meters;
  private final Throttle throttle;
  private final BooleanSupplier backlog;
  private volatile boolean hexLetters;

  /** backlog: whether texts wait for a slot (a refusal then teaches the throttle the SMSC's rate). */
  SubmitResponses(SmscConfig config, SmscMeters meters, Throttle throttle, BooleanSupplier backlog) {
    this.name = config.name();
    this.timeoutMillis = config.responseTimeoutMillis();
    this.meters = meters;
    this.throttle = throttle;
    this.backlog = backlog;
  }

  /** Whether this connection's submit_sm_resp ids have shown hex letters (then they are not decimal). */
  boolean haveHexLetters() {
    return hexLetters;
  }

  /** What a submit_sm_resp (or generic_nack) means for the text; null when the part went and its id is added. */
  SubmitOutcome answered(SmppLink transmitter, SmppSession.Response response, long written, String where, List<String> ids) {
    if (response.commandId() == SMPPConstant.CID_GENERIC_NACK) {
      transmitter.genericNack();
      meters.refused(response.status());
      meters.temporary();
      return SubmitOutcome.temporary(name, List.copyOf(ids), "generic_nack",
          name + " answered generic_nack " + CommandStatus.describe(response.status()) + where);
    }
    meters.answered(written);
    transmitter.answered();
    int status = response.status();
    if (status == CommandStatus.OK) {
      throttle.accepted();
      String id;
      try {
        id = MessageIds.normalise(DECOMPOSER.submitSmResp(response.pdu()).getMessageId());
      } catch (PDUStringException | RuntimeException e) {
        meters.temporary();
        return SubmitOutcome.temporary(name, List.copyOf(ids), "invalid response",
            name + " answered with a submit_sm_resp Herald cannot read: " + e.getMessage() + where);
      }
      if (!hexLetters && MessageIds.hasHexLetters(id)) {
        hexLetters = true;
      }
      ids.add(id);
      return null;
    }
    meters.refused(status);
    String detail = "submit_sm refused by " + name + ": " + CommandStatus.describe(status) + where;
    if (CommandStatus.isThrottling(status)) {
      throttle.throttled(backlog.getAsBoolean());
      meters.throttled();
    }
    if (CommandStatus.isTemporary(status)) {
      meters.temporary();
      return SubmitOutcome.temporary(name, List.copyOf(ids), CommandStatus.hex(status), detail);
    }
    meters.permanent();
    return SubmitOutcome.permanent(name, List.copyOf(ids), CommandStatus.hex(status), detail);
  }

  SubmitOutcome unanswered(Throwable failure, String where, List<String> ids) {
    meters.temporary();
    if (failure instanceof SmppSession.NoResponse) {
      return SubmitOutcome.temporary(name, List.copyOf(ids), "response timeout",
          "no submit_sm_resp from " + name + " within " + timeoutMillis + " ms" + where);
    }
    return SubmitOutcome.temporary(name, List.copyOf(ids), "bind lost",
        "submit on " + name + " failed: " + failure.getMessage() + where);
  }
}
