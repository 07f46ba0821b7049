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
    /** Receipts carry the id as the response did; if not found, try the hex/decimal readings too. */
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
   * best first: one for HEX and DEC, up to three for AUTO.
   */
  public static String[] candidates(String receiptId, Format format) {
    return switch (format) {
      case HEX -> new String[] {orSame(hexToDecimal(receiptId), receiptId)};
      case DEC -> new String[] {orSame(decimalToHex(receiptId), receiptId)};
      case AUTO -> {
        String asHex = hexToDecimal(receiptId);
        String asDec = decimalToHex(receiptId);
        yield new String[] {receiptId, asHex, asDec};
      }
    };
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
