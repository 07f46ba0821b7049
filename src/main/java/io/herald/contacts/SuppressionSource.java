package io.herald.contacts;

import java.util.Locale;

/** What opted an address out or back in. */
public enum SuppressionSource {
  /** A STOP / START keyword in a reply. */
  REPLY,
  /** A list of opt-outs pasted in, or an opt-out column of a contact import. */
  IMPORT,
  /** A user changing a contact detail's status, or entering an opt-out on the Opt-outs page. */
  MANUAL,
  /** A call to the opt-outs API. */
  API;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SuppressionSource of(String name) {
    for (SuppressionSource s : values()) {
      if (s.dbName().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
