package io.herald.ingest;

/** One text the intake queued at once: its id, its number in E.164, and how it goes on the wire. */
public record QueuedText(long id, String to, String encoding, int segments) {}
