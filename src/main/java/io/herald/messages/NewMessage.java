package io.herald.messages;

import java.time.Instant;

/**
 * A validated, normalised message ready to be queued. notBefore null means now; timeZone null
 * means the account's; recipientName is for reports.
 */
public record NewMessage(
    long accountId, Long jobId, String lane, String sender, String recipient, String body,
    String encoding, int segments, Instant notBefore, String timeZone, String recipientName) {

  public NewMessage(long accountId, Long jobId, String lane, String sender, String recipient, String body,
                    String encoding, int segments) {
    this(accountId, jobId, lane, sender, recipient, body, encoding, segments, null, null, null);
  }
}
