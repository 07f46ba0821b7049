package io.herald.campaigns;

import io.herald.errors.Refusal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

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
    try {
      return io.herald.api.DateTimes.read(value, zone);
    } catch (DateTimeException e) {
      throw Refusal.invalid(field, field + " '" + value + "' is not a date and time like 2026-12-10T09:00", value);
    }
  }
}
