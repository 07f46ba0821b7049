package io.herald.messages;

/** A validated, normalised message ready to be queued. */
public record NewMessage(
    long accountId, Long jobId, String lane, String sender, String recipient, String body,
    String encoding, int segments) {}
