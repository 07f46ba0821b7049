package io.herald.messages;

/**
 * A message leased to dispatch for one send attempt. attempts counts this one; timeZone may be
 * null. skipped: the number opted out since it was queued, so the claim already ended it.
 */
public record ClaimedMessage(
    long id, Long jobId, long accountId, String lane, String sender, String recipient, String body, int attempts,
    String timeZone, boolean skipped) {}
