package io.herald.smsc;

import java.time.Instant;

/**
 * A delivery receipt as it came from a connection. messageId is normalised the way submit_sm_resp
 * ids are; alternatives are the other readings of it (hex vs decimal) that the connection's
 * receipt id format allows, best first, or null.
 */
public record Receipt(String smsc, String messageId, String alternative1, String alternative2,
                      ReceiptStatus status, String stat, String error, Instant receivedAt, String text) {

  public Receipt(String smsc, String messageId, ReceiptStatus status, String stat, String error,
                 Instant receivedAt, String text) {
    this(smsc, messageId, null, null, status, stat, error, receivedAt, text);
  }

  /** This receipt with its id read per the connection's format. */
  Receipt withCandidates(MessageIds.Format format, boolean responsesHaveHexLetters) {
    String[] ids = MessageIds.candidates(messageId, format, responsesHaveHexLetters);
    return new Receipt(smsc, ids[0], ids.length > 1 ? ids[1] : null, ids.length > 2 ? ids[2] : null,
        status, stat, error, receivedAt, text);
  }
}
