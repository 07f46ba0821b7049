package io.herald.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When a job may send, per weekday, in each recipient's own time zone: {@code {"mon": ["09:00",
 * "17:00"], ...}}; a day left out is closed. Local times that a daylight-saving change skips open
 * at the change; ones it repeats count from their first occurrence.
 */
public record WeeklySchedule(Map<DayOfWeek, Window> days) {
  private static final List<String> KEYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /** Open from open (inclusive) to close (exclusive), local time; close null = midnight. */
  public record Window(LocalTime open, LocalTime close) {
    boolean contains(LocalTime t) {
      return !t.isBefore(open) && (close == null || t.isBefore(close));
    }
  }

  /** Reads the JSON form; IllegalArgumentException names the day and the value that is wrong. */
  public static WeeklySchedule fromJson(JsonObject json) {
    Map<DayOfWeek, Window> days = new EnumMap<>(DayOfWeek.class);
    for (String key : json.fieldNames()) {
      int index = KEYS.indexOf(key);
      if (index < 0) {
        throw new IllegalArgumentException("schedule: unknown day '" + key + "' (use mon, tue, wed, thu, fri, sat, sun)");
      }
      Object value = json.getValue(key);
      if (value == null) {
        continue;
      }
      if (!(value instanceof JsonArray pair) || pair.size() != 2) {
        throw new IllegalArgumentException("schedule." + key + " must be [\"HH:MM\", \"HH:MM\"] or null, got " + value);
      }
      LocalTime open = time(key, pair.getValue(0));
      LocalTime close = "24:00".equals(pair.getValue(1)) ? null : time(key, pair.getValue(1));
      if (close != null && !close.isAfter(open)) {
        throw new IllegalArgumentException("schedule." + key + " closes at " + close + ", not after it opens at " + open);
      }
      days.put(DayOfWeek.of(index + 1), new Window(open, close));
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("schedule has no open day");
    }
    return new WeeklySchedule(days);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    days.forEach((day, w) -> json.put(KEYS.get(day.getValue() - 1),
        new JsonArray().add(w.open().toString()).add(w.close() == null ? "24:00" : w.close().toString())));
    return json;
  }

  private static LocalTime time(String key, Object value) {
    try {
      return LocalTime.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("schedule." + key + ": '" + value + "' is not a time like 09:00");
    }
  }

  public boolean isOpen(Instant t, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    Window w = days.get(local.getDayOfWeek());
    return w != null && w.contains(local.toLocalTime());
  }

  /** t itself when open then, else the next instant the window opens (null if it never does). */
  public Instant nextOpening(Instant t, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(t, zone);
    for (int d = 0; d <= 7; d++) {
      LocalDate date = today.plusDays(d);
      Window w = days.get(date.getDayOfWeek());
      if (w == null) {
        continue;
      }
      Instant open = resolve(date, w.open(), zone);
      Instant close = w.close() == null ? resolve(date.plusDays(1), LocalTime.MIDNIGHT, zone) : resolve(date, w.close(), zone);
      if (!t.isBefore(close)) {
        continue;
      }
      return t.isBefore(open) ? open : t;
    }
    return null;
  }

  /** The instant a local time happens; in a DST gap, the moment of the change. */
  static Instant resolve(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    ZoneOffsetTransition gap = zone.getRules().getTransition(local);
    if (gap != null && gap.isGap()) {
      return gap.getInstant();
    }
    return ZonedDateTime.of(local, zone).toInstant(); // in an overlap: the earlier occurrence
  }
}
