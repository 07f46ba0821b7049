package io.herald.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptParserTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static Receipt parse(String text, String tlvId, Integer tlvState) {
    return ReceiptParser.parse("c1", text, tlvId, tlvState, NOW).orElseThrow();
  }

  @Test
  void readsTheStandardTextForm() {
    Receipt r = parse("id:0012345 sub:001 dlvrd:001 submit date:2611221000 done date:2611221001 stat:DELIVRD err:000 text:Hello", null, null);
    assertEquals("12345", r.messageId(), "leading zeros do not matter");
    assertEquals(ReceiptStatus.DELIVERED, r.status());
    assertEquals("DELIVRD", r.stat());
    assertEquals("000", r.error());
  }

  @Test
  void mapsEveryFinalStat() {
    assertEquals(ReceiptStatus.UNDELIVERABLE, parse("id:1 stat:UNDELIV err:001", null, null).status());
    assertEquals(ReceiptStatus.UNDELIVERABLE, parse("id:1 stat:REJECTD err:002", null, null).status());
    assertEquals(ReceiptStatus.EXPIRED, parse("id:1 stat:EXPIRED err:000", null, null).status());
    assertEquals(ReceiptStatus.INTERMEDIATE, parse("id:1 stat:ENROUTE err:000", null, null).status());
    assertEquals(ReceiptStatus.DELIVERED, parse("ID:AbC STAT:delivrd ERR:0", null, null).status());
  }

  @Test
  void preferTheTlvsWhenPresent() {
    Receipt r = parse("id:999 stat:DELIVRD err:000", "00A1B2", 5);
    assertEquals("a1b2", r.messageId());
    assertEquals(ReceiptStatus.UNDELIVERABLE, r.status());
    Receipt tlvOnly = parse("", "77", 2);
    assertEquals(ReceiptStatus.DELIVERED, tlvOnly.status());
    assertEquals("DELIVRD", tlvOnly.stat());
  }

  @Test
  void aKeyInsideAnotherWordIsNotTaken() {
    assertEquals("42", parse("msgid:7 id:42 stat:DELIVRD", null, null).messageId());
  }

  @Test
  void textWithoutIdOrStatusIsNotAReceipt() {
    assertTrue(ReceiptParser.parse("c1", "hello there", null, null, NOW).isEmpty());
    assertTrue(ReceiptParser.parse("c1", "id:12 err:000", null, null, NOW).isEmpty());
  }

  @Test
  void statusNamesAndClasses() {
    assertEquals("0x00000058 ESME_RTHROTTLED", CommandStatus.describe(0x58));
    assertTrue(CommandStatus.isTemporary(0x58));
    assertTrue(CommandStatus.isTemporary(0x14));
    assertTrue(CommandStatus.isTemporary(0x08));
    assertTrue(!CommandStatus.isTemporary(0x0B));
    assertTrue(!CommandStatus.isTemporary(0x0A));
  }
}
