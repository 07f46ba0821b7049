package io.herald.messages;

/** A message leased to dispatch for one send attempt. attempts counts this one. */
public record ClaimedMessage(
    long id, long accountId, String lane, String sender, String recipient, String body, int attempts) {}
