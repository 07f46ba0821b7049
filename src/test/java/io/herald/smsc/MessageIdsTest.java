package io.herald.smsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.smsc.MessageIds.Format;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
  @Test
  void normalisingDropsCaseSpacesAndLeadingZeros() {
    assertEquals("a1b2", MessageIds.normalise(" 00A1B2 "));
    assertEquals("0", MessageIds.normalise("0000"));
    assertEquals("12345", MessageIds.normalise("012345"));
  }

  @Test
  void hexAndDecimalFormatsConvert() {
    assertArrayEquals(new String[] {"700001"}, MessageIds.candidates("aae61", Format.HEX, false));
    assertArrayEquals(new String[] {"aae61"}, MessageIds.candidates("700001", Format.DEC, true));
    assertArrayEquals(new String[] {"xyz"}, MessageIds.candidates("xyz", Format.HEX, false), "not hex: kept");
  }

  @Test
  void autoConvertsOnlyWhereTheFormsVisiblyDiffer() {
    assertArrayEquals(new String[] {"aae61", "700001"}, MessageIds.candidates("aae61", Format.AUTO, false));
    assertArrayEquals(new String[] {"700001", "aae61"}, MessageIds.candidates("700001", Format.AUTO, true));
    assertArrayEquals(new String[] {"700001"}, MessageIds.candidates("700001", Format.AUTO, false));
    assertArrayEquals(new String[] {"aae61"}, MessageIds.candidates("aae61", Format.AUTO, true));
  }
}
