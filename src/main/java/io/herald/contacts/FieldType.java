package io.herald.contacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What a field holds, and how a value written as text becomes the stored value. Custom fields are
 * text, number, date or boolean; phone, e-mail and time zone belong to default fields.
 */
public enum FieldType {
  TEXT, NUMBER, DATE, BOOLEAN, PHONE, EMAIL, TIME_ZONE;

  private static final int MAX_TEXT = 1000;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean custom() {
    // a phone custom field is a further number (a parent's, a work phone): broadcasts can text it
    return this == TEXT || this == NUMBER || this == DATE || this == BOOLEAN || this == PHONE;
  }

  /** A custom field's type by name, or null when there is none by that name. */
  public static FieldType customType(String name) {
    for (FieldType t : values()) {
      if (t.custom() && t.dbName().equals(name)) {
        return t;
      }
    }
    return null;
  }

  public static FieldType fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * The value to store for non-blank text (a String, BigDecimal or Boolean), or an
   * IllegalArgumentException that says why it is not one. Phones and e-mails are read by
   * {@link Addresses}, not here.
   */
  public Object parse(String text) {
    String value = text.strip();
    switch (this) {
      case NUMBER -> {
        try {
          return new BigDecimal(value.replace(" ", "")).stripTrailingZeros();
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("is not a number");
        }
      }
      case DATE -> {
        try {
          return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("is not a date written YYYY-MM-DD");
        }
      }
      case BOOLEAN -> {
        return switch (value.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "y", "1" -> Boolean.TRUE;
          case "false", "no", "n", "0" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException("is not true or false (or yes / no)");
        };
      }
      case TIME_ZONE -> {
        try {
          return ZoneId.of(value).getId();
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("is not a time zone (an IANA name such as Europe/London)");
        }
      }
      default -> {
        if (value.length() > MAX_TEXT) {
          throw new IllegalArgumentException("is longer than " + MAX_TEXT + " characters");
        }
        return value;
      }
    }
  }
}
