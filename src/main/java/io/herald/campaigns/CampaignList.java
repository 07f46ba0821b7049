package io.herald.campaigns;

import java.time.Instant;

/** A recipient list of a campaign: its job, its outreach dates, or why it was refused (jobId null then). */
record CampaignList(long id, long campaignId, String name, Long jobId, Instant startAt, Instant endAt, int recipients,
                    int duplicates, int optedOut, String reason, Instant createdAt) {}
