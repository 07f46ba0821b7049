package io.herald.drop;

/**
 * Everything an account admin sets on a drop profile, validated (see {@link ProfileInput}).
 * timeZone null means the account's; sender null means the account's default sender. purpose is
 * {@link #SEND} (each row a text) or {@link #APPOINTMENTS} (each row an appointment, nothing sent).
 */
public record ProfileSettings(String name, String username, boolean enabled, boolean hasHeader, ProfileColumns columns,
                              String template, String sendAtFormat, String timeZone, boolean conversationLock,
                              String sender, String purpose) {
  public static final String DEFAULT_SEND_AT_FORMAT = "yyyy-MM-dd HH:mm";
  public static final String SEND = "send";
  public static final String APPOINTMENTS = "appointments";

  public boolean loadsAppointments() {
    return APPOINTMENTS.equals(purpose);
  }
}
