package io.herald.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rate a refusal teaches: what the SMSC took in the last second, lowered only a little by a later burst. */
class ThrottleTest {
  @Test
  void aRefusalMakesWhatTheSmscTookTheCeilingAndTheSameBurstLowersItOnce() {
    Throttle throttle = new Throttle(1000);
    assertEquals(0, throttle.ceiling(), "none known before a refusal");
    assertEquals(1000, throttle.currentRate(), 0.5, "the configured tps");
    for (int i = 0; i < 300; i++) {
      throttle.accepted();
    }
    throttle.throttled(false); // nothing waiting, but 300 accepted: the connection was pushing
    assertEquals(300, throttle.ceiling(), 0.5);
    double after = throttle.currentRate();
    assertTrue(after >= 269 && after < 275, "90% of the ceiling, then climbing: " + after);
    throttle.throttled(true); // the rest of the window, refused in the same burst
    assertEquals(300, throttle.ceiling(), 0.5);
    assertTrue(throttle.currentRate() >= after, "the same burst lowers the rate once: " + throttle.currentRate());
    assertEquals(2, throttle.throttleEvents());
  }

  @Test
  void aBurstOfFullQueuesBelowTheCeilingLowersItByAtMostFivePercent() throws InterruptedException {
    Throttle throttle = new Throttle(1000);
    for (int i = 0; i < 300; i++) {
      throttle.accepted();
    }
    throttle.throttled(true);
    Thread.sleep(Throttle.HOLD_NANOS / 1_000_000 + 100);
    for (int i = 0; i < 100; i++) {
      throttle.accepted();
    }
    throttle.throttled(true);
    assertEquals(285, throttle.ceiling(), 0.5, "95% of 300, not the 100 taken in the burst's second");
  }

  @Test
  void aRefusalOnAQuietConnectionHalvesTheRateAndTeachesNoCeiling() {
    Throttle throttle = new Throttle(200);
    throttle.accepted(); // one text went, the next was refused with nothing else waiting
    throttle.throttled(false);
    assertEquals(0, throttle.ceiling(), "no ceiling from a connection that was not pushing");
    double after = throttle.currentRate();
    assertTrue(after >= 100 && after < 102, "half of 200, growing back: " + after);
  }
}
