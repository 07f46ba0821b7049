package io.herald.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.smsc.MoFragment;
import io.herald.smsc.encoding.Udh;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a deliver_sm into a part, and putting parts together, without a database. */
class MoPartTest {
  static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123456789Z");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "12025550143, +12025550143",
      "447911123456, +447911123456",
      "123456789012345, +123456789012345",
      "1234567890123456, 1234567890123456",
      "+12025550143, +12025550143",
      "555123456, 555123456",
      "55555, 55555",
      "Pharmacy, Pharmacy",
      "' 12025550143 ', +12025550143",
  })
  void internationalDigitsGetAPlusAndShortCodesDoNot(String given, String stored) {
    assertEquals(stored, MoPart.address(given));
  }

  @Test
  void aMissingAddressIsEmpty() {
    assertEquals("", MoPart.address(null));
  }

  @Test
  void aDeliverSmIsReadWithItsTlvs() {
    DeliverSm pdu = new DeliverSm();
    pdu.setSourceAddr("12025550143");
    pdu.setDestAddress("55555");
    pdu.setDataCoding((byte) 0x08);
    pdu.setEsmClass((byte) 0x40);
    pdu.setShortMessage(new byte[0]);
    pdu.setOptionalParameters(
        new OptionalParameter.Message_payload(new byte[] {0, 0x41}),
        new OptionalParameter.Sar_msg_ref_num((short) 0xFFFE),
        new OptionalParameter.Sar_total_segments((byte) 200),
        new OptionalParameter.Sar_segment_seqnum((byte) 3));
    MoFragment f = MoFragment.from("carrier-a", pdu, NOW);
    assertEquals("carrier-a", f.smsc());
    assertEquals("12025550143", f.source());
    assertEquals("55555", f.destination());
    assertEquals(0x08, f.dataCoding());
    assertEquals(0x40, f.esmClass());
    assertArrayEquals(new byte[] {0, 0x41}, f.messagePayload());
    assertEquals(0xFFFE, f.sarRef(), "unsigned");
    assertEquals(200, f.sarTotal(), "unsigned");
    assertEquals(3, f.sarSeq());
    assertEquals(NOW, f.receivedAt());
  }

  @Test
  void aDeliverSmWithoutTlvsHasNulls() {
    DeliverSm pdu = new DeliverSm();
    pdu.setSourceAddr("55555");
    pdu.setDestAddress("12025550100");
    pdu.setShortMessage("STOP".getBytes(StandardCharsets.US_ASCII));
    MoFragment f = MoFragment.from("carrier-a", pdu, NOW);
    assertNull(f.messagePayload());
    assertNull(f.sarRef());
    assertNull(f.sarTotal());
    assertNull(f.sarSeq());
    MoPart part = MoPart.of(f);
    assertEquals(1, part.total());
    assertArrayEquals("STOP".getBytes(StandardCharsets.US_ASCII), part.payload());
  }

  @Test
  void theUdhIsTakenOffAndItsConcatenationUsed() {
    byte[] sm = MoReceiverTest.concat(Udh.concat16(0x1234, 3, 2), new byte[] {0x41, 0x42});
    MoPart part = MoPart.of(fragment(0x40, sm, null, null, null));
    assertEquals(0x1234, part.reference());
    assertEquals(3, part.total());
    assertEquals(2, part.seq());
    assertArrayEquals(new byte[] {0x41, 0x42}, part.payload());
    assertEquals(NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS), part.receivedAt());
  }

  @Test
  void aUdhWithoutConcatenationIsASinglePart() {
    byte[] sm = {0x06, 0x05, 0x04, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0, 0x41}; // port addressing IE
    MoPart part = MoPart.of(fragment(0x40, sm, null, null, null));
    assertEquals(1, part.total());
    assertArrayEquals(new byte[] {0x41}, part.payload());
  }

  @Test
  void aMalformedUdhKeepsEveryOctet() {
    byte[] sm = {0x09, 0x00, 0x03, 0x41};
    MoPart part = MoPart.of(fragment(0x40, sm, null, null, null));
    assertEquals(1, part.total());
    assertArrayEquals(sm, part.payload());
  }

  @Test
  void withoutUdhiTheShortMessageIsAllText() {
    byte[] sm = Udh.concat8(1, 2, 1);
    MoPart part = MoPart.of(fragment(0x00, sm, null, null, null));
    assertEquals(1, part.total());
    assertArrayEquals(sm, part.payload());
  }

  @Test
  void sarTlvsMakeAPartAndNonsenseOnesAreIgnored() {
    MoPart part = MoPart.of(fragment(0, new byte[] {0x41}, 0xABCD, 2, 2));
    assertEquals(0xABCD, part.reference());
    assertEquals(2, part.total());
    assertEquals(2, part.seq());
    assertEquals(1, MoPart.of(fragment(0, new byte[] {0x41}, 1, 2, 3)).total(), "seq beyond total");
    assertEquals(1, MoPart.of(fragment(0, new byte[] {0x41}, 1, 2, 0)).total(), "seq 0");
    assertEquals(1, MoPart.of(fragment(0, new byte[] {0x41}, 1, 1, 1)).total(), "one part of one");
    assertEquals(1, MoPart.of(fragment(0, new byte[] {0x41}, 1, null, 1)).total(), "a TLV missing");
  }

  @Test
  void aUdhWinsOverSarTlvs() {
    byte[] sm = MoReceiverTest.concat(Udh.concat8(9, 3, 1), new byte[] {0x41});
    MoPart part = MoPart.of(fragment(0x40, sm, 0x5555, 2, 2));
    assertEquals(9, part.reference());
    assertEquals(3, part.total());
    assertEquals(1, part.seq());
  }

  @Test
  void missingPartsAreMarked() {
    List<Reassembly.Fragment> arrived = List.of(
        new Reassembly.Fragment(2, 0, "two ".getBytes(StandardCharsets.US_ASCII), NOW.plusSeconds(1)),
        new Reassembly.Fragment(4, 0, "four".getBytes(StandardCharsets.US_ASCII), NOW));
    Reassembly.Assembled reply = Reassembly.assemble(arrived, 5);
    assertEquals("[…]two […]four[…]", reply.text());
    assertEquals(2, reply.parts());
    assertEquals(5, reply.partsExpected());
    assertEquals(NOW, reply.receivedAt(), "the earliest part");
  }

  @Test
  void aChangeOfDataCodingIsDecodedRunByRun() {
    List<Reassembly.Fragment> arrived = List.of(
        new Reassembly.Fragment(1, 0x03, new byte[] {(byte) 0xE9}, NOW),
        new Reassembly.Fragment(2, 0x08, new byte[] {0x00, (byte) 0xE9}, NOW));
    assertEquals("éé", Reassembly.assemble(arrived, 2).text());
  }

  @Test
  void textPostgresqlCannotHoldIsReplaced() {
    assertEquals("a\uFFFDb", Reassembly.storable("a\u0000b"));
    assertEquals("\uFFFDx", Reassembly.storable("\uD83Dx"), "lone high surrogate");
    assertEquals("x\uFFFD", Reassembly.storable("x\uDE00"), "lone low surrogate");
    assertEquals("x\uFFFD", Reassembly.storable("x\uD83D"), "high surrogate at the end");
    assertEquals("😀\uFFFD", Reassembly.storable("😀\uDE00"));
    String fine = "fine 😀 text";
    assertEquals(fine, Reassembly.storable(fine));
  }

  static MoFragment fragment(int esmClass, byte[] sm, Integer ref, Integer total, Integer seq) {
    return new MoFragment("carrier-a", "12025550143", "55555", 0, esmClass, sm, null, ref, total, seq, NOW);
  }
}
