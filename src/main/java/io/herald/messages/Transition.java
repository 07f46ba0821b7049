package io.herald.messages;

/** A committed state change, reported for metrics, job completion and wake-ups. jobId may be null. */
public record Transition(long messageId, Long jobId, MessageState state, String smsc) {}
