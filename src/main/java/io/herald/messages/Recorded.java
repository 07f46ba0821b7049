package io.herald.messages;

import java.util.List;

/** What one write of outcomes and receipts did: the committed state changes, receipts matched and held. */
public record Recorded(List<Transition> transitions, List<String> matchedReceiptSmscs, List<String> heldReceiptSmscs) {}
