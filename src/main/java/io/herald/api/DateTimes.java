package io.herald.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The one way a person's date and time is read: with an offset, with a [Zone], or local to the given zone. */
public final class DateTimes {
  private static final String OFFSET = ".*([zZ]|[+-]\\d\\d:?\\d\\d)$";

  private DateTimes() {}

  /** DateTimeException when the text is none of 2026-12-10T09:00, …Z, …+02:00, …[America/New_York]. */
  public static Instant read(String text, ZoneId zone) {
    String v = text.strip();
    int bracket = v.indexOf('[');
    if (bracket > 0 && v.endsWith("]")) {
      String local = v.substring(0, bracket);
      return local.matches(OFFSET) ? ZonedDateTime.parse(v, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant()
          : LocalDateTime.parse(local).atZone(ZoneId.of(v.substring(bracket + 1, v.length() - 1))).toInstant();
    }
    if (v.matches(OFFSET)) {
      return OffsetDateTime.parse(v).toInstant();
    }
    if (v.isEmpty()) {
      throw new DateTimeException("empty");
    }
    return LocalDateTime.parse(v).atZone(zone).toInstant();
  }
}
