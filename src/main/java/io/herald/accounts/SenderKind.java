package io.herald.accounts;

/** What kind of address a sender is, which decides its TON/NPI on the wire. */
public enum SenderKind {
  LONG_CODE, SHORT_CODE, ALPHANUMERIC;

  public String dbName() {
    return name().toLowerCase();
  }

  public static SenderKind fromDb(String value) {
    return valueOf(value.toUpperCase());
  }

  /** Up to 8 digits is a short code, more digits (optionally with +) a long code, anything else alphanumeric. */
  public static SenderKind of(String address) {
    String digits = address.startsWith("+") ? address.substring(1) : address;
    if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
      return digits.length() <= 8 && !address.startsWith("+") ? SHORT_CODE : LONG_CODE;
    }
    return ALPHANUMERIC;
  }
}
