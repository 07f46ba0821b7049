package io.herald.smsc;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads delivery receipts in the de-facto text form ({@code id:.. sub:.. dlvrd:.. submit date:..
 * done date:.. stat:.. err:.. text:..}), preferring the receipted_message_id and message_state
 * TLVs when the SMSC sends them. Lenient: SMSCs vary in case, order and spacing.
 */
public final class ReceiptParser {
  private ReceiptParser() {}

  public static Optional<Receipt> parse(String smsc, String text, String receiptedMessageId,
                                        Integer messageState, Instant receivedAt) {
    String id = receiptedMessageId != null && !receiptedMessageId.isBlank()
        ? receiptedMessageId : field(text, "id:");
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String stat = field(text, "stat:");
    ReceiptStatus status;
    if (messageState != null) {
      status = ReceiptStatus.fromMessageState(messageState);
      if (stat == null) {
        stat = ReceiptStatus.statOf(messageState);
      }
    } else if (stat != null) {
      status = ReceiptStatus.fromStat(stat);
    } else {
      return Optional.empty();
    }
    String error = field(text, "err:");
    return Optional.of(new Receipt(smsc, MessageIds.normalise(id), status, stat, error, receivedAt, text));
  }

  /** The value after key up to the next space, case-insensitive on the key; null when absent. */
  static String field(String text, String key) {
    if (text == null) {
      return null;
    }
    int at = indexOfIgnoreCase(text, key);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end);
  }

  private static int indexOfIgnoreCase(String text, String key) {
    for (int i = 0; i + key.length() <= text.length(); i++) {
      // a key starts the text or follows a space, so "id:" is not found inside "msgid:"
      if ((i == 0 || text.charAt(i - 1) == ' ') && text.regionMatches(true, i, key, 0, key.length())) {
        return i;
      }
    }
    return -1;
  }
}
