package io.herald.messages;

import java.time.Instant;

/**
 * One message as the reports show it.
 *
 * @param submittedAt when its first part went to the SMSC, null while it has not
 * @param name the recipient's name as the source gave it, else the account's contact's with that number
 * @param error the SMSC's or Herald's reason in words when there is one, else its error code
 */
public record LoggedMessage(long id, Instant createdAt, Instant submittedAt, Instant updatedAt, String recipient,
                            String name, String state, String body, Long jobId, String error, String errorDetail) {

  /** When it went out, or when it was queued while it has not. */
  public Instant time() {
    return submittedAt != null ? submittedAt : createdAt;
  }
}
