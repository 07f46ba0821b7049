package io.herald.smsc.simulator;

/** Why a reply from the simulator did not reach the ESME. */
public final class ReplyFailure extends Exception {
  /** The two ways it fails: nobody to deliver to, or the ESME did not take it. */
  public enum Reason { NO_SESSION, NOT_ACCEPTED }

  private final Reason reason;

  ReplyFailure(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
