package io.herald.smsc.simulator;

import org.jsmpp.bean.MessageState;

/**
 * The final state a simulated message reaches, as written into its delivery receipt.
 *
 * @param stat the receipt text's {@code stat:} value
 * @param delivered the {@code dlvrd:} count
 * @param error the {@code err:} value
 * @param state the value of the message_state TLV
 */
record ReceiptOutcome(String stat, int delivered, String error, MessageState state) {
  static final ReceiptOutcome DELIVERED = new ReceiptOutcome("DELIVRD", 1, "000", MessageState.DELIVERED);
  static final ReceiptOutcome UNDELIVERABLE = new ReceiptOutcome("UNDELIV", 0, "001", MessageState.UNDELIVERABLE);
  static final ReceiptOutcome EXPIRED = new ReceiptOutcome("EXPIRED", 0, "000", MessageState.EXPIRED);
}
