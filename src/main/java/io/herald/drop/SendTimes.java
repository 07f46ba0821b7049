package io.herald.drop;

import io.herald.errors.Refusal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Reads the delivery date / time column of a drop file in the profile's format and a time zone. */
final class SendTimes {
  private final DateTimeFormatter formatter;
  private final String format;
  private final String example;

  SendTimes(String format) {
    this.format = format;
    this.formatter = formatter(format);
    this.example = formatter.format(ProfileInput.SAMPLE);
  }

  /** The formatter for a pattern (case-insensitive, English month and AM/PM names); 400 when unusable. */
  static DateTimeFormatter formatter(String pattern) {
    DateTimeFormatter formatter;
    try {
      formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.US);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("sendAtFormat", "sendAtFormat is not a date-time pattern: " + e.getMessage()
          + " (use letters like yyyy-MM-dd HH:mm or M/d/yyyy h:mm a)", pattern);
    }
    try {
      read(formatter, formatter.format(ProfileInput.SAMPLE));
    } catch (DateTimeException e) {
      throw Refusal.invalid("sendAtFormat", "sendAtFormat must hold at least a year, a month and a day"
          + " (like yyyy-MM-dd HH:mm)", pattern);
    }
    return formatter;
  }

  /** The instant, or null when the text does not fit the format. A date without a time means midnight. */
  Instant parse(String text, ZoneId zone) {
    LocalDateTime local = local(text);
    return local == null ? null : local.atZone(zone).toInstant();
  }

  /** The local date and time the text stands for, or null when it does not fit the format. */
  LocalDateTime local(String text) {
    try {
      return read(formatter, text.strip());
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The sample time written in the format, as the form and the reasons show it. */
  String example() {
    return example;
  }

  String why() {
    return "not a date and time in the format " + format + " (like " + example + ")";
  }

  private static LocalDateTime read(DateTimeFormatter formatter, String text) {
    TemporalAccessor parsed = formatter.parseBest(text, LocalDateTime::from, LocalDate::from);
    return parsed instanceof LocalDateTime t ? t : ((LocalDate) parsed).atStartOfDay();
  }
}
