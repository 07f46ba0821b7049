package io.herald.smsc;

import java.time.Instant;

/**
 * A delivery receipt as it came from a connection. messageId is normalised the way the
 * connection normalises submit_sm_resp ids, so the two compare equal.
 */
public record Receipt(String smsc, String messageId, ReceiptStatus status, String stat, String error,
                      Instant receivedAt, String text) {}
