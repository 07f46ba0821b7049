package io.herald.drop;

import io.herald.errors.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The date range of a report: from (inclusive) and to (exclusive), either open. A date means the
 * whole day in the account's time zone ("to=2026-03-31" includes the 31st); a time with an offset
 * (2026-03-01T09:00:00Z) is taken as it is.
 */
public record ReportRange(Instant from, Instant to) {
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  public static ReportRange parse(String from, String to, ZoneId zone) {
    Instant start = read(from, "from", zone, false);
    Instant end = read(to, "to", zone, true);
    if (start != null && end != null && end.isBefore(start)) {
      throw Refusal.invalid("to", "to must not be before from", to);
    }
    return new ReportRange(start, end);
  }

  private static Instant read(String text, String field, ZoneId zone, boolean end) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    try {
      Instant read;
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        read = (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      } else if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
        read = OffsetDateTime.parse(value).toInstant();
      } else {
        read = LocalDateTime.parse(value).atZone(zone).toInstant();
      }
      if (read.isBefore(EARLIEST) || read.isAfter(LATEST)) {
        throw Refusal.invalid(field, field + " must be a date between the years 1970 and 9999", text);
      }
      return read;
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, field + " must be a date like 2026-03-01 or a time like 2026-03-01T09:00:00Z",
          text);
    }
  }

  OffsetDateTime fromUtc() {
    return from == null ? null : from.atOffset(ZoneOffset.UTC);
  }

  OffsetDateTime toUtc() {
    return to == null ? null : to.atOffset(ZoneOffset.UTC);
  }
}
