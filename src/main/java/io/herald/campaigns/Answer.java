package io.herald.campaigns;

import java.time.Instant;

/** A reusable message text in one language. */
record Answer(long id, long accountId, String name, String language, String text, Instant createdAt, Instant updatedAt) {}
