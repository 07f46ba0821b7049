package io.herald.jobs;

import java.time.Instant;

/** A job about to be written: who sends what, in which lane, when. */
public record JobSpec(
    long accountId, String kind, String name, String lane, String sender, WeeklySchedule schedule,
    Instant startAt, Instant endAt, Long createdBy) {}
