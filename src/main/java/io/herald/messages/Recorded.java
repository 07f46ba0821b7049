package io.herald.messages;

import java.util.List;

/** What one write recorded: state changes, receipts that found their part (with their lag), and receipts held. */
public record Recorded(List<Transition> transitions, List<Matched> matchedReceipts, List<String> heldReceiptSmscs) {
  /** A receipt that found its part, and the seconds from the part's submit to the receipt. */
  public record Matched(String smsc, double lagSeconds) {}
}
