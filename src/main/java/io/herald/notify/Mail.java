package io.herald.notify;

/** One notification as a person reads it: what happened in the subject, the facts, and where to look. */
public record Mail(NotificationKind kind, String eventKey, Long accountId, String subject, String text, String link) {}
