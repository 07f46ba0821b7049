package io.herald.messages;

/** A committed state change, reported for metrics and wake-ups. */
public record Transition(long messageId, MessageState state, String smsc) {}
