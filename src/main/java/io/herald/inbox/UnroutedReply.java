package io.herald.inbox;

import java.time.Instant;

/** A reply to an address no account has (or stored before the inbox routed replies): kept for operators. */
public record UnroutedReply(long id, String smsc, String from, String to, String text, Instant receivedAt) {}
