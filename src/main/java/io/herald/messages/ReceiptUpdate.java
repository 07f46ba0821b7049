package io.herald.messages;

import java.time.Instant;

/**
 * A delivery receipt as the message store applies it: the part is found by connection name and
 * the SMSC message id (or, failing that, one of its alternative readings, best first). state is
 * delivered, undeliverable or expired; status and error are the SMSC's words (e.g. UNDELIV, 001).
 */
public record ReceiptUpdate(
    String smsc, String smscMessageId, String alternative1, String alternative2, MessageState state,
    String status, String error, Instant at, String raw) {

  /** The id to try in round k (0 = as given), or null. */
  String candidate(int k) {
    return switch (k) {
      case 0 -> smscMessageId;
      case 1 -> alternative1;
      default -> alternative2;
    };
  }
}
