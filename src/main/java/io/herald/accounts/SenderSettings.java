package io.herald.accounts;

import java.time.Instant;

/**
 * A sender as its account and operators manage it: the address texts go from, its kind (inferred
 * from the address), whether replies come back to it, its own rate, the SMSC connection it must
 * use, whether it is the account's default, and whether operators share it between accounts.
 *
 * @param tps messages per second from this sender; null: only the account's and the SMSC's limits
 * @param smsc the name of the SMSC connection its texts must go through; null: the configured routes
 */
public record SenderSettings(long id, long accountId, String address, SenderKind kind, boolean takesReplies,
                             Double tps, String smsc, boolean isDefault, boolean shared, Instant createdAt) {}
