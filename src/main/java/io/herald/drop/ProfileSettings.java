package io.herald.drop;

/**
 * Everything an account admin sets on a drop profile, validated (see {@link ProfileInput}).
 * timeZone null means the account's; sender null means the account's default sender.
 */
public record ProfileSettings(String name, String username, boolean enabled, boolean hasHeader, ProfileColumns columns,
                              String template, String sendAtFormat, String timeZone, boolean conversationLock,
                              String sender) {
  public static final String DEFAULT_SEND_AT_FORMAT = "yyyy-MM-dd HH:mm";
}
