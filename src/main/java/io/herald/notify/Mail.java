package io.herald.notify;

/**
 * One notification as a person reads it: what happened in the subject, the facts, and where to
 * look. alsoTo: people it is about (the one who prepared a rejected broadcast), besides the
 * account's recipients of its kind.
 */
public record Mail(NotificationKind kind, String eventKey, Long accountId, String subject, String text, String link,
                   java.util.List<String> alsoTo) {
  public Mail(NotificationKind kind, String eventKey, Long accountId, String subject, String text, String link) {
    this(kind, eventKey, accountId, subject, text, link, java.util.List.of());
  }
}
