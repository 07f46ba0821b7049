package io.herald.messages;

/** A unit's share of one claim: a job, or (jobId null) an account's job-less messages. */
public record Quota(Long jobId, long accountId, int count) {}
