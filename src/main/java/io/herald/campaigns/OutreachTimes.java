package io.herald.campaigns;

import io.herald.errors.Refusal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A list's outreach start and end as a form gives them: local in the account's zone unless an offset or zone is written. */
final class OutreachTimes {
  private OutreachTimes() {}

  record Window(Instant start, Instant end) {}

  static Window of(String start, String end, ZoneId accountZone, Instant now, int maxDays) {
    if (start == null || start.isBlank()) {
      throw Refusal.invalid("startAt", "startAt (the outreach date/time) is required, like 2026-12-10T09:00", null);
    }
    Instant from = parse("startAt", start, accountZone);
    Instant to = end == null || end.isBlank() ? null : parse("endAt", end, accountZone);
    if (from.isAfter(now.plus(java.time.Duration.ofDays(maxDays)))) {
      throw Refusal.invalid("startAt", "startAt is more than " + maxDays + " days ahead", start);
    }
    if (to != null && !to.isAfter(from)) {
      throw Refusal.invalid("endAt", "endAt must be after startAt", end);
    }
    if (to != null && !to.isAfter(now)) {
      throw Refusal.invalid("endAt", "endAt has already passed", end);
    }
    return new Window(from, to);
  }

  private static Instant parse(String field, String value, ZoneId zone) {
    String v = value.strip();
    try {
      int bracket = v.indexOf('[');
      if (bracket > 0 && v.endsWith("]")) { // 2026-12-10T09:00[America/New_York], with or without an offset
        ZoneId named = ZoneId.of(v.substring(bracket + 1, v.length() - 1));
        String local = v.substring(0, bracket);
        return local.matches(".*([zZ]|[+-]\\d\\d:?\\d\\d)$")
            ? ZonedDateTime.parse(v, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant()
            : LocalDateTime.parse(local).atZone(named).toInstant();
      }
      if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(v).toInstant();
      }
      return LocalDateTime.parse(v).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      throw Refusal.invalid(field, field + " '" + value + "' is not a date and time like 2026-12-10T09:00", value);
    }
  }
}
