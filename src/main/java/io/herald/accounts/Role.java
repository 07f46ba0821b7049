package io.herald.accounts;

public enum Role {
  ADMIN, USER, OPERATOR;

  public String dbName() {
    return name().toLowerCase();
  }

  public static Role fromDb(String value) {
    return valueOf(value.toUpperCase());
  }
}
