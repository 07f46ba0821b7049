package io.herald.contacts.files;

import java.util.regex.Pattern;

/**
 * Cells written to exported files: text a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) gets a leading apostrophe; an E.164 phone number keeps its '+'
 * readable, since a spreadsheet reads it as a number, never a formula.
 */
public final class SafeCells {
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{5,14}$");

  private SafeCells() {}

  public static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return risky && !E164.matcher(value).matches() ? "'" + value : value;
  }
}
