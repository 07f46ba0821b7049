package io.herald.jobs;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What shares a lane's capacity: one job, or the messages an account sent without a job (jobId
 * null). Carries what dispatch checks before handing a message over.
 */
public record Unit(Long jobId, long accountId, String lane, String sender, WeeklySchedule schedule, Instant endAt,
                   ZoneId accountZone, long queued) {}
