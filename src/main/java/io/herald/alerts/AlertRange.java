package io.herald.alerts;

import io.herald.errors.Refusal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The appointments an alert is about: from (inclusive) to (exclusive), at most seven days long,
 * as far ahead as wanted, not entirely past; a time without an offset is the account's local time.
 */
record AlertRange(Instant from, Instant to) {
  static final Duration LONGEST = Duration.ofDays(7);

  static AlertRange of(Object from, Object to, ZoneId zone, Instant now) {
    Instant start = parse("from", from, zone);
    Instant end = parse("to", to, zone);
    if (!end.isAfter(start)) {
      throw Refusal.invalid("to", "the range ends before it starts", to);
    }
    if (Duration.between(start, end).compareTo(LONGEST) > 0) {
      throw Refusal.invalid("to", "the range is longer than 7 days: pick at most 7 days of appointments", to);
    }
    if (!end.isAfter(now)) {
      throw Refusal.invalid("to", "the range has already passed: pick appointments still to come", to);
    }
    return new AlertRange(start, end);
  }

  /** Only appointments still to come when the alert is sent count. */
  Instant effectiveFrom(Instant now) {
    return from.isBefore(now) ? now : from;
  }

  private static Instant parse(String field, Object value, ZoneId zone) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw Refusal.invalid(field, field + " is required, like 2026-12-05T09:00", value);
    }
    String v = s.strip();
    try {
      return io.herald.api.DateTimes.read(v, zone);
    } catch (DateTimeException e) {
      throw Refusal.invalid(field, field + " '" + v + "' is not a date and time like 2026-12-05T09:00", value);
    }
  }
}
