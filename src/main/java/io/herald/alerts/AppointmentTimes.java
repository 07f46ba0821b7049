package io.herald.alerts;

import io.herald.api.DateTimes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An appointment's start as clinics' exports write it: one ISO date-time (with an offset or [Zone],
 * or local to the account), or a date and a time in the usual spreadsheet forms. Day and month
 * order follows the account's region: 12/05/2026 is 5 December in the US and 12 May elsewhere.
 */
final class AppointmentTimes {
  /** Regions that write the month first. */
  private static final Set<String> MONTH_FIRST = Set.of("US", "PH", "FM", "MH", "PW", "GU", "AS", "MP", "PR", "VI", "UM");
  private static final List<DateTimeFormatter> ISO_DATES = List.of(strict("uuuu-M-d"), strict("uuuu/M/d"));
  private static final List<DateTimeFormatter> MONTH_FIRST_DATES = List.of(strict("M/d/uuuu"), strict("M/d/uu"),
      strict("M-d-uuuu"));
  private static final List<DateTimeFormatter> DAY_FIRST_DATES = List.of(strict("d/M/uuuu"), strict("d/M/uu"),
      strict("d.M.uuuu"), strict("d-M-uuuu"));
  private static final List<DateTimeFormatter> WORD_DATES = List.of(strict("MMM d, uuuu"), strict("MMM d uuuu"),
      strict("d MMM uuuu"), strict("MMMM d, uuuu"), strict("d MMMM uuuu"), strict("EEE, MMM d, uuuu"));
  private static final List<DateTimeFormatter> TIMES = List.of(strict("H:mm"), strict("H:mm:ss"), strict("h:mm a"),
      strict("h:mma"), strict("h:mm:ss a"), strict("h a"), strict("ha"), strict("HHmm"));

  private AppointmentTimes() {}

  /** A start written in one cell; DateTimeException when it is none of the forms. */
  static Instant read(String text, ZoneId zone, String region) {
    String v = text.strip();
    try {
      return DateTimes.read(v, zone);
    } catch (DateTimeException notIso) {
      int space = v.lastIndexOf(' ', firstTimeDigit(v));
      if (space < 0) {
        throw notIso;
      }
      return read(v.substring(0, space), v.substring(space + 1), zone, region);
    }
  }

  /** A start written as a date and a time; DateTimeException names which of them cannot be read. */
  static Instant read(String date, String time, ZoneId zone, String region) {
    LocalDate day = date(date.strip(), region);
    if (time == null || time.isBlank()) {
      throw new DateTimeException("time");
    }
    return LocalDateTime.of(day, time(time.strip())).atZone(zone).toInstant();
  }

  /** Whether the text is a date alone (for saying what is missing). */
  static boolean isDate(String text, String region) {
    try {
      date(text.strip(), region);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** 5 December 2026 as the region writes it in numbers. */
  static String example(String region) {
    return MONTH_FIRST.contains(region) ? "12/05/2026" : "05/12/2026";
  }

  private static LocalDate date(String text, String region) {
    // a spreadsheet's date cell arrives as 2026-12-05, or with its midnight time
    String v = text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text;
    for (List<DateTimeFormatter> forms : List.of(ISO_DATES,
        MONTH_FIRST.contains(region) ? MONTH_FIRST_DATES : DAY_FIRST_DATES, WORD_DATES)) {
      for (DateTimeFormatter f : forms) {
        try {
          return LocalDate.parse(v, f);
        } catch (DateTimeException next) {
          // the next form
        }
      }
    }
    throw new DateTimeException("date");
  }

  private static LocalTime time(String text) {
    // a spreadsheet's time cell arrives as a date-time on its epoch day (1899-12-31T09:30)
    int t = text.indexOf('T');
    String v = t == 10 ? text.substring(11) : text;
    for (DateTimeFormatter f : TIMES) {
      try {
        return LocalTime.parse(v.replace(".", "").toUpperCase(Locale.ROOT), f);
      } catch (DateTimeException next) {
        // the next form
      }
    }
    throw new DateTimeException("time");
  }

  /** Where the time of "12/05/2026 9:30 AM" or "Dec 5, 2026 09:30" starts: the last word holding a colon, or the end. */
  private static int firstTimeDigit(String v) {
    int colon = v.indexOf(':');
    return colon < 0 ? v.length() - 1 : colon;
  }

  private static DateTimeFormatter strict(String pattern) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.US)
        .withResolverStyle(ResolverStyle.STRICT);
  }
}
