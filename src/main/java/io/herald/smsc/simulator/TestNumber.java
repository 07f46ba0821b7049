package io.herald.smsc.simulator;

/** The documented test destinations, recognised by the last four digits of destination_addr. */
enum TestNumber {
  /** Anything not listed below: accepted and delivered. */
  ORDINARY(ReceiptOutcome.DELIVERED),
  /** {@code ...0000}: accepted, receipt {@code stat:UNDELIV err:001}. */
  UNDELIVERABLE(ReceiptOutcome.UNDELIVERABLE),
  /** {@code ...0001}: submit_sm_resp ESME_RINVDSTADR, no receipt. */
  INVALID_DESTINATION(null),
  /** {@code ...0002}: the first submit is throttled (ESME_RTHROTTLED), later ones are delivered. */
  THROTTLED_ONCE(ReceiptOutcome.DELIVERED),
  /** {@code ...0003}: accepted, receipt {@code stat:EXPIRED}. */
  EXPIRES(ReceiptOutcome.EXPIRED);

  private final ReceiptOutcome outcome;

  TestNumber(ReceiptOutcome outcome) {
    this.outcome = outcome;
  }

  /** The receipt an accepted submit earns; null when the submit is never accepted. */
  ReceiptOutcome outcome() {
    return outcome;
  }

  static TestNumber of(String destination) {
    if (destination == null) {
      return ORDINARY;
    }
    if (destination.endsWith("0000")) {
      return UNDELIVERABLE;
    }
    if (destination.endsWith("0001")) {
      return INVALID_DESTINATION;
    }
    if (destination.endsWith("0002")) {
      return THROTTLED_ONCE;
    }
    if (destination.endsWith("0003")) {
      return EXPIRES;
    }
    return ORDINARY;
  }
}
