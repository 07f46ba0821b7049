package io.herald.smsc;

import java.util.Locale;

/**
 * SMSC message ids as Herald stores and matches them: trimmed, lower-case, without leading zeros
 * (an SMSC may pad the receipt's id but not the submit_sm_resp's, or the other way round).
 */
public final class MessageIds {
  private MessageIds() {}

  public static String normalise(String id) {
    String s = id.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }
}
