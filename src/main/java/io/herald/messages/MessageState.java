package io.herald.messages;

/**
 * The life of a message (DESIGN.md §3). Stored as the lower-case name. UNKNOWN: submitted, but no
 * receipt came within the connection's receipt timeout; final, sent but not known to be delivered.
 */
public enum MessageState {
  QUEUED, SENDING, SUBMITTED, DELIVERED, UNDELIVERABLE, EXPIRED, FAILED, SKIPPED, CANCELLED, UNKNOWN;

  public String dbName() {
    return name().toLowerCase();
  }

  public static MessageState fromDb(String value) {
    return valueOf(value.toUpperCase());
  }

  public boolean isTerminal() {
    return switch (this) {
      case QUEUED, SENDING, SUBMITTED -> false;
      default -> true;
    };
  }
}
