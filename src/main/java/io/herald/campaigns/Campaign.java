package io.herald.campaigns;

import io.herald.jobs.WeeklySchedule;
import java.time.Instant;

/** A proactive campaign: who it texts from, with which answer, inside which weekly windows. */
record Campaign(long id, long accountId, String name, String description, String sender, String language, long answerId,
                String answerName, WeeklySchedule schedule, String state, Instant createdAt) {}
