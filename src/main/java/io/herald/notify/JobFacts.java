package io.herald.notify;

/** What a finished job's notification says of it. */
record JobFacts(long id, long accountId, String name, long total, long failed) {}
