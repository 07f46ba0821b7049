package io.herald.messages;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which message states the reports and the dashboard count as sent, delivered, failed and
 * waiting: one definition, so that the figures agree wherever they are shown. Sent is whatever
 * reached a carrier, whatever came of it since (an {@code unknown} one never had a receipt).
 */
public final class CountedStates {
  public static final List<MessageState> SENT = List.of(MessageState.SUBMITTED, MessageState.DELIVERED,
      MessageState.UNDELIVERABLE, MessageState.EXPIRED, MessageState.UNKNOWN);
  public static final List<MessageState> DELIVERED = List.of(MessageState.DELIVERED);
  public static final List<MessageState> FAILED = List.of(MessageState.FAILED, MessageState.UNDELIVERABLE,
      MessageState.EXPIRED, MessageState.SKIPPED);
  public static final List<MessageState> WAITING = List.of(MessageState.QUEUED, MessageState.SENDING);

  private CountedStates() {
  }

  /** {@code column IN ('a', 'b')} for SQL text; the names are the enum's own, never input. */
  public static String in(String column, List<MessageState> states) {
    return column + " IN (" + states.stream().map(s -> "'" + s.dbName() + "'").collect(Collectors.joining(", ")) + ")";
  }
}
