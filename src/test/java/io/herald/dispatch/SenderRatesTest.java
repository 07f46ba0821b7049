package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An account's rate caps all its senders together, on top of each sender's own. */
class SenderRatesTest {
  private static final long T0 = 1_000_000_000_000L;

  @Test
  void anAccountRateCapsEverySenderOfTheAccount() {
    SenderRates rates = new SenderRates();
    rates.limits(Map.of("1:CLINIC", 10.0));
    rates.accountLimits(Map.of(1L, 3.0));
    assertEquals(3, rates.room(1, "CLINIC", T0), "the account's 3/s is below the sender's 10/s");
    assertEquals(3, rates.room(1, "OTHER", T0), "a sender without a rate of its own still has the account's");
    assertEquals(Integer.MAX_VALUE, rates.room(2, "OTHER", T0), "another account is not capped");
    RateWindow account = rates.accountWindow(1, T0);
    account.tryTake(T0);
    account.tryTake(T0);
    assertEquals(1, rates.room(1, "CLINIC", T0), "what one sender took, the others cannot");
    assertNull(rates.accountWindow(2, T0));
  }

  @Test
  void aChangedAccountRateTakesEffect() {
    SenderRates rates = new SenderRates();
    rates.accountLimits(Map.of(1L, 2.0));
    rates.accountWindow(1, T0).tryTake(T0);
    assertEquals(1, rates.room(1, null, T0));
    rates.accountLimits(Map.of(1L, 5.0));
    assertEquals(5, rates.room(1, null, T0), "a new rate gets a window of its own");
    rates.accountLimits(Map.of());
    assertEquals(Integer.MAX_VALUE, rates.room(1, null, T0), "no rate: no cap");
  }
}
