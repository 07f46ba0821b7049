package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.config.HeraldConfig.DispatchConfig;
import io.herald.jobs.Unit;
import io.herald.jobs.WeeklySchedule;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.MessageState;
import io.herald.messages.SendResult;
import io.herald.smsc.SubmitOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendRulesTest {
  // a Wednesday, 20:00 UTC: 15:00 in New York
  private static final Instant NOW = Instant.parse("2026-12-02T20:00:00Z");
  private final SendRules rules = new SendRules(new DispatchConfig(500, 60, 250, 3, 2_000, 10_000, 10_000),
      Clock.fixed(NOW, ZoneOffset.UTC));
  private final ZoneId newYork = ZoneId.of("America/New_York");

  private static ClaimedMessage message(int attempts, String zone) {
    return new ClaimedMessage(1, 7L, 10, "bulk", "Herald", "+12025550143", "x", attempts, zone, false);
  }

  private Unit unit(WeeklySchedule schedule, Instant endAt) {
    return new Unit(7L, 10, "bulk", "Herald", schedule, endAt, ZoneId.of("UTC"), 1);
  }

  private static WeeklySchedule weekdays(String open, String close) {
    JsonObject days = new JsonObject();
    for (String d : List.of("mon", "tue", "wed", "thu", "fri")) {
      days.put(d, new JsonArray().add(open).add(close));
    }
    return WeeklySchedule.fromJson(days);
  }

  @Test
  void aMessageGoesInsideItsWindowInTheRecipientsZoneAndWaitsOutsideIt() {
    ClaimedMessage m = message(1, "America/New_York");
    assertNull(rules.hold(m, unit(weekdays("09:00", "17:00"), null), newYork, NOW));
    SendResult later = rules.hold(m, unit(weekdays("16:00", "17:00"), null), newYork, NOW);
    assertEquals(MessageState.QUEUED, later.state());
    assertEquals(Instant.parse("2026-12-02T21:00:00Z"), later.retryAt(), "16:00 in New York");
    assertEquals("outside the send window", later.errorDetail());
  }

  @Test
  void aStoppedOrEndedJobsMessageDoesNotGo() {
    ClaimedMessage m = message(1, null);
    assertEquals("its job stopped running before it was sent", rules.hold(m, null, ZoneId.of("UTC"), NOW).errorDetail());
    SendResult ended = rules.hold(m, unit(null, NOW), ZoneId.of("UTC"), NOW);
    assertEquals(MessageState.EXPIRED, ended.state());
  }

  @Test
  void temporaryErrorsRetryWithDoublingDelaysUntilTheAttemptsAreUsedUp() {
    assertEquals(2_000, rules.retryDelay(1));
    assertEquals(4_000, rules.retryDelay(2));
    assertEquals(10_000, rules.retryDelay(9), "capped at retryMax");
    SubmitOutcome throttled = SubmitOutcome.temporary("smsc", List.of(), "0x58", "ESME_RTHROTTLED");
    SendResult again = rules.outcome(message(2, null), null, ZoneId.of("UTC"), throttled);
    assertEquals(MessageState.QUEUED, again.state());
    assertEquals(NOW.plusMillis(4_000), again.retryAt());
    SendResult gaveUp = rules.outcome(message(3, null), null, ZoneId.of("UTC"), throttled);
    assertEquals(MessageState.FAILED, gaveUp.state());
    assertEquals("gave up after 3 attempts: ESME_RTHROTTLED", gaveUp.errorDetail());
  }

  @Test
  void aRetryThatWouldFallAfterTheJobsEndExpiresInstead() {
    SubmitOutcome throttled = SubmitOutcome.temporary("smsc", List.of(), "0x58", "ESME_RTHROTTLED");
    SendResult r = rules.outcome(message(1, null), unit(null, NOW.plusSeconds(1)), ZoneId.of("UTC"), throttled);
    assertEquals(MessageState.EXPIRED, r.state());
  }

  @Test
  void theRecipientsZoneWinsOverTheAccounts() {
    assertEquals(newYork, SendRules.zoneOf(message(1, "America/New_York"), unit(null, null)));
    assertEquals(ZoneId.of("UTC"), SendRules.zoneOf(message(1, null), unit(null, null)));
  }
}
