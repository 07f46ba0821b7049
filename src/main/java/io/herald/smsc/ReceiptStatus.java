package io.herald.smsc;

/** The final (or intermediate) state a receipt reports, from its stat: text or message_state TLV. */
public enum ReceiptStatus {
  DELIVERED, UNDELIVERABLE, EXPIRED, INTERMEDIATE;

  /** From the text form's stat: value (DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, ACCEPTD, ENROUTE). */
  public static ReceiptStatus fromStat(String stat) {
    return switch (stat.toUpperCase()) {
      case "DELIVRD", "DELIVERED" -> DELIVERED;
      case "EXPIRED" -> EXPIRED;
      case "ACCEPTD", "ENROUTE", "ACCEPTED", "SCHEDULED" -> INTERMEDIATE;
      default -> UNDELIVERABLE; // UNDELIV, REJECTD, DELETED, UNKNOWN and anything unexpected
    };
  }

  /** From the message_state TLV (SMPP 3.4 §5.2.28). */
  public static ReceiptStatus fromMessageState(int state) {
    return switch (state) {
      case 2 -> DELIVERED;
      case 3 -> EXPIRED;
      case 1, 6, 7 -> INTERMEDIATE; // ENROUTE, ACCEPTED, UNKNOWN(not final)
      default -> UNDELIVERABLE; // DELETED, UNDELIVERABLE, REJECTED
    };
  }

  /** The short stat word to store when only the TLV was given. */
  public static String statOf(int state) {
    return switch (state) {
      case 1 -> "ENROUTE";
      case 2 -> "DELIVRD";
      case 3 -> "EXPIRED";
      case 4 -> "DELETED";
      case 5 -> "UNDELIV";
      case 6 -> "ACCEPTD";
      case 8 -> "REJECTD";
      default -> "UNKNOWN";
    };
  }
}
