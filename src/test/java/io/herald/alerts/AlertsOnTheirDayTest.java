package io.herald.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts on a chosen day: Herald's clock reads Saturday 13 March 2027, 15:00 in New York, the day
 * before clocks go forward, so "tomorrow" is 23 hours long and "today" has passed its morning.
 */
class AlertsOnTheirDayTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant NOW = ZonedDateTime.of(2027, 3, 13, 15, 0, 0, 0, NEW_YORK).toInstant();
  private static final String NUMBER = "+12025550100";
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.at(NOW, () -> new JsonObject()
      .put("alerts", new JsonObject().put("perMinute", 6_000)));

  private static JsonObject appointment(String id, String client, String phone, String patient, String startAt,
                                        String status) {
    return new JsonObject().put("externalId", id).put("clientName", client).put("phone", phone).put("patient", patient)
        .put("startAt", startAt).put("status", status);
  }

  @BeforeAll
  static void setUp() {
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("alerts", true)
        .put("twoWay", true).put("timeZone", NEW_YORK.getId())).status());
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", NUMBER)).status());
    JsonArray list = new JsonArray()
        .add(appointment("t-1", "Tia Moss", "2025550120", "Pip", "2027-03-13T10:00", "booked")) // this morning: past
        .add(appointment("t-2", "Tom Reed", "2025550121", "Dot", "2027-03-13T18:00", "booked")) // this evening
        .add(appointment("a-1", "Ana Diaz", "2025550131", "Rex", "2027-03-14T01:30", "booked")) // before the clocks jump
        .add(appointment("a-2", "Ana Diaz", "2025550131", "Milo", "2027-03-14T23:30", "booked")) // her second patient
        .add(appointment("b-1", "Ben Ode", "2025550132", "Tom", "2027-03-14T10:00", "cancelled"))
        .add(appointment("c-1", "Cy Park", "2025550133", "Kit", "2027-03-14T12:00", "booked")) // opted out
        .add(appointment("d-1", "Dee Lo", "2025550134", "Bo", "2027-03-15T00:30", "booked")); // the day after
    Api.Response saved = h.admin.post("/api/v1/appointments", new JsonObject().put("appointments", list));
    assertEquals(7, saved.json().getInteger("saved"), saved.body());
    assertEquals(201, h.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550133")).status());
  }

  @Test
  void theRestOfTodayIsWhatIsLeftOfItOnHeraldsClock() {
    JsonObject today = h.admin.post("/api/v1/alerts/preview", new JsonObject().put("from", "2027-03-13T00:00")
        .put("to", "2027-03-14T00:00")).json();
    assertEquals(1, today.getInteger("recipients"), today.encode());
    assertEquals("2027-03-13T23:00:00Z", today.getString("firstAppointment"), "only the 18:00 appointment is still to come");
    Api.Response yesterday = h.admin.post("/api/v1/alerts", new JsonObject().put("from", "2027-03-12T00:00")
        .put("to", "2027-03-13T00:00").put("body", "hi"));
    assertEquals(400, yesterday.status());
    assertEquals("the range has already passed: pick appointments still to come", yesterday.json().getString("error"));
  }

  @Test
  void tomorrowTextsTheOneClientLeftOnceAndTheReportSaysWhoWasSkipped() {
    JsonObject tomorrow = new JsonObject().put("from", "2027-03-14T00:00").put("to", "2027-03-15T00:00");
    JsonObject preview = h.admin.post("/api/v1/alerts/preview", tomorrow).json();
    assertEquals("2027-03-14T05:00:00Z", preview.getString("from"));
    assertEquals("2027-03-15T04:00:00Z", preview.getString("to"), "23 hours: the clocks go forward that night");
    assertEquals(1, preview.getInteger("recipients"), preview.encode());
    assertEquals(3, preview.getInteger("appointments"), "two of Ana's and Cy's; Ben's is cancelled");
    assertEquals(1, preview.getInteger("optedOut"));
    assertEquals("2027-03-14T06:30:00Z", preview.getString("firstAppointment"));
    assertEquals("2027-03-15T03:30:00Z", preview.getString("lastAppointment"));

    Api.Response sent = h.admin.post("/api/v1/alerts", tomorrow.copy().put("body", "The clinic opens at 10 tomorrow."));
    assertEquals(201, sent.status(), sent.body());
    assertEquals(1, sent.json().getInteger("recipients"));
    assertEquals(1, sent.json().getInteger("skipped"));
    long id = sent.json().getLong("id");
    JsonObject done = h.admin.await("/api/v1/alerts/" + id, a -> "done".equals(a.getString("status")));
    assertEquals(new JsonObject().put("ok", true).put("text", "The message was sent"), done.getJsonObject("line"));
    h.awaitTexts(List.of("+12025550131"), 1);
    assertEquals(List.of("The clinic opens at 10 tomorrow."), h.textsTo("+12025550131"));
    for (String other : List.of("+12025550121", "+12025550132", "+12025550133", "+12025550134")) {
      assertTrue(h.textsTo(other).isEmpty(), other + " has no appointment tomorrow to be texted about");
    }

    String[] report = h.admin.get("/api/v1/alerts/" + id + "/report.csv").body().split("\r\n");
    assertEquals(3, report.length, String.join("\n", report));
    assertTrue(report[1].startsWith("\"Ana Diaz\",\"+12025550131\",\"delivered\",,\"The clinic opens at 10 tomorrow.\","),
        report[1]);
    assertEquals("\"Cy Park\",\"+12025550133\",\"skipped\",\"the number opted out\",\"\",\"\"", report[2]);
  }
}
