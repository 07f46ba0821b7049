package io.herald.smsc.simulator;

import java.time.Instant;
import org.jsmpp.session.SMPPServerSession;

/**
 * A delivery receipt waiting to be sent. Addresses are those of the submit; the receipt swaps them.
 *
 * @param origin the session the submit came in on, preferred for the receipt
 * @param systemId who submitted, so another session of the same ESME can take the receipt
 * @param attempt how many times sending was already tried
 */
record PendingReceipt(
    String messageId,
    SMPPServerSession origin,
    String systemId,
    byte sourceTon,
    byte sourceNpi,
    String source,
    byte destinationTon,
    byte destinationNpi,
    String destination,
    Instant submittedAt,
    ReceiptOutcome outcome,
    String preview,
    int attempt) {

  PendingReceipt nextAttempt() {
    return new PendingReceipt(messageId, origin, systemId, sourceTon, sourceNpi, source,
        destinationTon, destinationNpi, destination, submittedAt, outcome, preview, attempt + 1);
  }
}
