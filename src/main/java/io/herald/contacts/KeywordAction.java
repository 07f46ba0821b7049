package io.herald.contacts;

/** What a keyword in a reply does. */
public enum KeywordAction {
  OPT_OUT("opt-out"), OPT_IN("opt-in"), HELP("help");

  private final String dbName;

  KeywordAction(String dbName) {
    this.dbName = dbName;
  }

  public String dbName() {
    return dbName;
  }
}
