package io.herald.smsc.encoding;

import static io.herald.smsc.encoding.TextEncoderTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdhTest {

    @Test
    void concat8Bytes() {
        assertArrayEquals(bytes(0x05, 0x00, 0x03, 0x2A, 0x03, 0x01), Udh.concat8(42, 3, 1));
        assertArrayEquals(bytes(0x05, 0x00, 0x03, 0xFF, 0xFF, 0xFF), Udh.concat8(255, 255, 255));
        assertArrayEquals(bytes(0x05, 0x00, 0x03, 0x00, 0x01, 0x01), Udh.concat8(0, 1, 1));
    }

    @Test
    void concat16Bytes() {
        assertArrayEquals(bytes(0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x02), Udh.concat16(0x1234, 2, 2));
        assertArrayEquals(bytes(0x06, 0x08, 0x04, 0xFF, 0xFF, 0x0A, 0x01), Udh.concat16(0xFFFF, 10, 1));
    }

    @Test
    void concatRejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Udh.concat8(256, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Udh.concat8(-1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Udh.concat8(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Udh.concat8(1, 256, 1));
        assertThrows(IllegalArgumentException.class, () -> Udh.concat8(1, 2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Udh.concat8(1, 2, 3));
        assertTrue(e.getMessage().contains("sequence"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Udh.concat16(0x10000, 2, 1));
    }

    @Test
    void parse8BitConcat() {
        Udh.Parsed p = Udh.parse(bytes(0x05, 0x00, 0x03, 0xA7, 0x02, 0x01, 0x48, 0x69));
        assertEquals(new Udh.Concat(0xA7, 2, 1), p.concat());
        assertArrayEquals(bytes(0x48, 0x69), p.payload());
    }

    @Test
    void parse16BitConcat() {
        Udh.Parsed p = Udh.parse(bytes(0x06, 0x08, 0x04, 0xBE, 0xEF, 0x03, 0x03, 0x00, 0x41));
        assertEquals(new Udh.Concat(0xBEEF, 3, 3), p.concat());
        assertArrayEquals(bytes(0x00, 0x41), p.payload());
    }

    @Test
    void parseConcatAfterAnotherIe() {
        // IE 0x05 (application port, 16-bit: dest 0x0B84, orig 0x23F0) then 8-bit concat
        byte[] sm = bytes(0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, 0x10, 0x04, 0x02, 0xCA, 0xFE);
        Udh.Parsed p = Udh.parse(sm);
        assertEquals(new Udh.Concat(0x10, 4, 2), p.concat());
        assertArrayEquals(bytes(0xCA, 0xFE), p.payload());
    }

    @Test
    void parseWithoutConcatIe() {
        Udh.Parsed p = Udh.parse(bytes(0x04, 0x05, 0x02, 0x0B, 0x84, 0x61));
        assertNull(p.concat());
        assertArrayEquals(bytes(0x61), p.payload());
    }

    @Test
    void parseEmptyUdhAndEmptyPayload() {
        Udh.Parsed empty = Udh.parse(bytes(0x00, 0x61, 0x62));
        assertNull(empty.concat());
        assertArrayEquals(bytes(0x61, 0x62), empty.payload());

        Udh.Parsed noPayload = Udh.parse(Udh.concat8(1, 2, 2));
        assertEquals(new Udh.Concat(1, 2, 2), noPayload.concat());
        assertEquals(0, noPayload.payload().length);
    }

    @Test
    void parseRoundTripsBuiltHeaders() {
        byte[] payload = TextEncoder.encode("x".repeat(153)).parts().get(0);
        for (byte[] udh : new byte[][] {Udh.concat8(200, 5, 4), Udh.concat16(40000, 5, 4)}) {
            byte[] sm = Arrays.copyOf(udh, udh.length + payload.length);
            System.arraycopy(payload, 0, sm, udh.length, payload.length);
            Udh.Parsed p = Udh.parse(sm);
            assertEquals(5, p.concat().total());
            assertEquals(4, p.concat().sequence());
            assertArrayEquals(payload, p.payload());
        }
    }

    @Test
    void lastConcatIeWins() {
        byte[] sm = bytes(0x0B, 0x00, 0x03, 0x01, 0x02, 0x01, 0x08, 0x04, 0x00, 0x07, 0x03, 0x02);
        assertEquals(new Udh.Concat(7, 3, 2), Udh.parse(sm).concat());
    }

    @Test
    void invalidConcatValuesAreIgnoredPerTs23040() {
        assertNull(Udh.parse(bytes(0x05, 0x00, 0x03, 0x01, 0x00, 0x01)).concat()); // total 0
        assertNull(Udh.parse(bytes(0x05, 0x00, 0x03, 0x01, 0x02, 0x00)).concat()); // sequence 0
        assertNull(Udh.parse(bytes(0x05, 0x00, 0x03, 0x01, 0x02, 0x03)).concat()); // sequence > total
    }

    @Test
    void udhLengthBeyondDataIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Udh.parse(bytes(0x05, 0x00, 0x03, 0x01)));
        assertTrue(e.getMessage().contains("UDH length 5"), e.getMessage());
    }

    @Test
    void ieLengthBeyondUdhIsRejected() {
        // UDH of 5 octets, but the IE claims 4 data octets (only 3 fit)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Udh.parse(bytes(0x05, 0x00, 0x04, 0x01, 0x02, 0x01, 0x41)));
        assertTrue(e.getMessage().contains("IE 0x00") && e.getMessage().contains("length 4"), e.getMessage());
    }

    @Test
    void truncatedIeHeaderIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Udh.parse(bytes(0x06, 0x00, 0x03, 0x01, 0x02, 0x01, 0x24)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongConcatIeLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Udh.parse(bytes(0x04, 0x08, 0x02, 0x01, 0x02)));
        assertTrue(e.getMessage().contains("must have length 4"), e.getMessage());
    }

    @Test
    void emptyShortMessageIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Udh.parse(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
