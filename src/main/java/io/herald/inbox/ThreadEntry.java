package io.herald.inbox;

import java.time.Instant;

/**
 * One text in a conversation, in either direction.
 *
 * @param direction "in" for a reply from the phone, "out" for a text to it
 * @param source for a text out: "staff" (sent from the thread), "keyword" (an answer to STOP, START
 *               or HELP), or the kind of its job ("api", "drop", ...), "direct" for a single text
 * @param state for a text out, its message state; null for a reply
 * @param by who sent it from the thread, null otherwise
 */
public record ThreadEntry(String direction, long id, String text, Instant at, String source, String state, String by) {}
