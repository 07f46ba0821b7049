package io.herald.accounts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * An account as operators manage it: who it is, which products it may use, its limits, and whether
 * it is disabled (then its jobs do not send and its users and FTP users cannot log in).
 *
 * @param rateTps messages per second for the whole account on top of its senders' rates; null: no cap
 * @param maxListRecipients the most recipients one uploaded list may hold
 * @param alertsPerMinute mass text alerts' pace for this account; null: the server's alerts.perMinute
 * @param retentionDays how long the account's texts, their parts and events are kept
 */
public record AccountSettings(long id, String name, String region, ZoneId timeZone, boolean dropAndGo,
                              boolean twoWay, boolean alerts, boolean campaigns, boolean broadcasts,
                              Double rateTps, int maxListRecipients, Integer alertsPerMinute, int retentionDays, Instant disabledAt,
                              Instant createdAt) {
  public boolean disabled() {
    return disabledAt != null;
  }
}
