package io.herald.accounts;

/**
 * What a create or a change of an account sets; a null field is left as it is (on create: its
 * default). {@code clearRate} removes the account's rate cap.
 */
public record AccountChange(String name, String region, String timeZone, Boolean dropAndGo, Boolean twoWay,
                            Boolean alerts, Boolean campaigns, Boolean broadcasts, Double rateTps, boolean clearRate,
                            Integer maxListRecipients, Boolean disabled, Integer alertsPerMinute, boolean clearAlertsPace,
                            Integer retentionDays) {}
