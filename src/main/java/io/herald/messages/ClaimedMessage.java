package io.herald.messages;

/** A message leased to dispatch for one send attempt. attempts counts this one; timeZone may be null. */
public record ClaimedMessage(
    long id, Long jobId, long accountId, String lane, String sender, String recipient, String body, int attempts,
    String timeZone) {}
