package io.herald.notify;

import java.time.Instant;

/** One mail of the outbox and how its sending stands. */
public record OutboxEntry(long id, String eventKey, String kind, Long accountId, String recipient, String subject,
                          String textBody, String htmlBody, String status, int attempts, Instant nextAttemptAt,
                          String lastError, Instant createdAt, Instant sentAt) {}
