package io.herald.inbox;

import java.time.Instant;

/**
 * One account's sender address and one phone, as the inbox lists it.
 *
 * @param name the account's contact with that phone, null when there is none
 * @param lastText the newest reply's text
 */
public record Conversation(long id, long accountId, String sender, String phone, String state, int unread,
                           Instant lastMessageAt, Instant createdAt, Instant closedAt, String name, String lastText,
                           boolean optedOut) {}
