package io.herald.smsc;

import java.math.BigInteger;
import java.util.Locale;

/**
 * SMSC message ids as Herald stores and matches them. Ids are trimmed, lower-cased and stripped of
 * leading zeros (an SMSC may pad one side and not the other). Many SMSCs answer submit_sm with one
 * form of the id and write the other into receipts (decimal vs hex); {@link Format} says which.
 */
public final class MessageIds {
  /** How a connection's receipts write the ids its submit_sm_resp gave. */
  public enum Format {
    /** Receipts carry the id as the response did, or visibly in the other form (see candidates). */
    AUTO,
    /** Receipts carry the id in hex, responses in decimal. */
    HEX,
    /** Receipts carry the id in decimal, responses in hex. */
    DEC;

    public static Format of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private MessageIds() {}

  public static String normalise(String id) {
    String s = id.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /**
   * The ids under which a receipt's (normalised) id may have been recorded from submit_sm_resp,
   * best first. HEX and DEC convert. AUTO tries the id as given, and a conversion only where the
   * forms cannot be the same: a receipt id with hex letters when the responses have been decimal,
   * or a decimal receipt id when the responses have had hex letters. (A hex id without letters
   * looks decimal: set HEX or DEC when the SMSC's habit is known.)
   */
  public static String[] candidates(String receiptId, Format format, boolean responsesHaveHexLetters) {
    return switch (format) {
      case HEX -> new String[] {orSame(hexToDecimal(receiptId), receiptId)};
      case DEC -> new String[] {orSame(decimalToHex(receiptId), receiptId)};
      case AUTO -> {
        boolean receiptHasLetters = hasHexLetters(receiptId);
        String other = receiptHasLetters && !responsesHaveHexLetters ? hexToDecimal(receiptId)
            : !receiptHasLetters && responsesHaveHexLetters ? decimalToHex(receiptId) : null;
        yield other == null ? new String[] {receiptId} : new String[] {receiptId, other};
      }
    };
  }

  static boolean hasHexLetters(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 'a' && c <= 'f') {
        return true;
      }
    }
    return false;
  }

  /** The decimal form of a hex id, or null when it is not hex (or too long to be a number). */
  static String hexToDecimal(String id) {
    if (id.isEmpty() || id.length() > 32 || !id.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return null;
    }
    return new BigInteger(id, 16).toString();
  }

  /** The hex form of a decimal id, or null when it is not decimal. */
  static String decimalToHex(String id) {
    if (id.isEmpty() || id.length() > 39 || !id.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return new BigInteger(id).toString(16);
  }

  private static String orSame(String converted, String id) {
    return converted == null ? id : converted;
  }
}
