package io.herald.messages;

import java.time.Instant;

/**
 * A delivery receipt as the message store applies it: the part is found by connection name and
 * the SMSC message id, already normalised by the connection. state is delivered, undeliverable or
 * expired; status and error are the SMSC's words (e.g. UNDELIV, 001).
 */
public record ReceiptUpdate(
    String smsc, String smscMessageId, MessageState state, String status, String error, Instant at, String raw) {}
