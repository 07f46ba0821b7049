package io.herald.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Send windows in recipients' own zones, across daylight-saving changes, on a fixed clock. */
class WeeklyScheduleTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static WeeklySchedule weekdays(String open, String close) {
    JsonObject json = new JsonObject();
    for (String day : new String[] {"mon", "tue", "wed", "thu", "fri"}) {
      json.put(day, new JsonArray().add(open).add(close));
    }
    return WeeklySchedule.fromJson(json);
  }

  @Test
  void theSameInstantIsOpenInOneZoneAndClosedInAnother() {
    WeeklySchedule nineToFive = weekdays("09:00", "17:00");
    Instant t = Instant.parse("2026-11-24T15:00:00Z"); // Tuesday: 10:00 New York, 15:00 London, 00:00 Wed Tokyo
    assertTrue(nineToFive.isOpen(t, NEW_YORK));
    assertTrue(nineToFive.isOpen(t, LONDON));
    assertFalse(nineToFive.isOpen(t, TOKYO));
    assertEquals(Instant.parse("2026-11-25T00:00:00Z"), nineToFive.nextOpening(t, TOKYO), "09:00 Wednesday in Tokyo");
  }

  @Test
  void afterClosingTheNextOpeningIsTheNextOpenDay() {
    WeeklySchedule nineToFive = weekdays("09:00", "17:00");
    Instant fridayEvening = Instant.parse("2026-11-27T22:30:00Z"); // Friday 17:30 in New York
    assertEquals(Instant.parse("2026-11-30T14:00:00Z"), nineToFive.nextOpening(fridayEvening, NEW_YORK), "Monday 09:00 EST");
    Instant open = Instant.parse("2026-11-27T16:00:00Z");
    assertEquals(open, nineToFive.nextOpening(open, NEW_YORK), "already open: now");
  }

  @Test
  void springForwardOpensAtTheChangeWhenTheLocalTimeDoesNotExist() {
    // 8 March 2026, New York: 02:00 EST jumps to 03:00 EDT; a window opening at 02:30 opens at the jump
    WeeklySchedule early = WeeklySchedule.fromJson(new JsonObject().put("sun", new JsonArray().add("02:30").add("05:00")));
    Instant saturdayNight = Instant.parse("2026-03-08T05:00:00Z"); // 00:00 EST Sunday
    assertEquals(Instant.parse("2026-03-08T07:00:00Z"), early.nextOpening(saturdayNight, NEW_YORK));
    WeeklySchedule nine = WeeklySchedule.fromJson(new JsonObject().put("sun", new JsonArray().add("09:00").add("10:00")));
    assertEquals(Instant.parse("2026-03-08T13:00:00Z"), nine.nextOpening(saturdayNight, NEW_YORK), "09:00 EDT is 13:00Z");
    assertTrue(nine.isOpen(Instant.parse("2026-03-08T13:30:00Z"), NEW_YORK));
    assertFalse(nine.isOpen(Instant.parse("2026-03-08T14:00:00Z"), NEW_YORK), "10:00 EDT closes");
  }

  @Test
  void fallBackCountsTheRepeatedHourFromItsFirstOccurrence() {
    // 25 October 2026, London: 02:00 BST falls back to 01:00 GMT; 01:00-01:59 happens twice
    WeeklySchedule oneToTwo = WeeklySchedule.fromJson(new JsonObject().put("sun", new JsonArray().add("01:00").add("02:00")));
    Instant saturday = Instant.parse("2026-10-24T12:00:00Z");
    assertEquals(Instant.parse("2026-10-25T00:00:00Z"), oneToTwo.nextOpening(saturday, LONDON), "01:00 BST");
    assertTrue(oneToTwo.isOpen(Instant.parse("2026-10-25T00:30:00Z"), LONDON), "01:30 BST");
    assertTrue(oneToTwo.isOpen(Instant.parse("2026-10-25T01:30:00Z"), LONDON), "01:30 GMT, the second time");
    assertFalse(oneToTwo.isOpen(Instant.parse("2026-10-25T02:00:00Z"), LONDON), "02:00 GMT");
    WeeklySchedule nineToFive = weekdays("09:00", "17:00");
    assertEquals(Instant.parse("2026-10-26T09:00:00Z"), nineToFive.nextOpening(saturday, LONDON), "Monday 09:00 GMT");
  }

  @Test
  void aWholeDayAndBadSchedules() {
    WeeklySchedule allSunday = WeeklySchedule.fromJson(new JsonObject().put("sun", new JsonArray().add("00:00").add("24:00")));
    assertTrue(allSunday.isOpen(Instant.parse("2026-11-29T23:59:00Z"), ZoneId.of("UTC")));
    assertEquals("schedule: unknown day 'funday' (use mon, tue, wed, thu, fri, sat, sun)",
        assertThrows(IllegalArgumentException.class, () -> WeeklySchedule.fromJson(new JsonObject().put("funday", null))).getMessage());
    assertEquals("schedule.mon closes at 08:00, not after it opens at 09:00",
        assertThrows(IllegalArgumentException.class, () -> weekdays("09:00", "08:00")).getMessage());
    assertEquals("schedule.mon: '9am' is not a time like 09:00",
        assertThrows(IllegalArgumentException.class, () -> weekdays("9am", "17:00")).getMessage());
    assertEquals("schedule has no open day",
        assertThrows(IllegalArgumentException.class, () -> WeeklySchedule.fromJson(new JsonObject().put("sat", null))).getMessage());
  }
}
