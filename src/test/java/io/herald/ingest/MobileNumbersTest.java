package io.herald.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.ingest.MobileNumbers.Choice;
import io.herald.ingest.MobileNumbers.Verdict;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The first number of a row that can get a text wins; landlines and invalid numbers are told apart. */
class MobileNumbersTest {
  private static Choice choose(String... numbers) {
    return MobileNumbers.choose(Arrays.asList(numbers), "US");
  }

  @Test
  void theFirstMobileWins() {
    assertEquals(new Choice(Verdict.MOBILE, 1, "+447911123456"), choose("+442079460000", "+447911123456", "+33612345678"));
    assertEquals(new Choice(Verdict.MOBILE, 0, "+12025550101"), choose("(202) 555-0101", "+447911123456"));
  }

  @Test
  void onlyLandlinesAreALandlineAndNothingValidIsInvalid() {
    assertEquals(new Choice(Verdict.LANDLINE, 1, "+442079460000"), choose("junk", "+442079460000", "+33123456789"));
    assertEquals(new Choice(Verdict.LANDLINE, 0, "+18005550100"), choose("+18005550100"), "toll-free takes no texts");
    assertEquals(new Choice(Verdict.INVALID, 1, null), choose("", "12", "abc"));
    assertEquals(new Choice(Verdict.MISSING, -1, null), choose("", " ", null));
  }
}
