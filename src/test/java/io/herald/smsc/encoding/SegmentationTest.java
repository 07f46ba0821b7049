package io.herald.smsc.encoding;

import static io.herald.smsc.encoding.TextEncoderTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Split points: 160/153 septets for GSM7, 70/67 units for UCS2, pairs never cut. */
class SegmentationTest {

    private static final String EURO = "\u20AC";
    private static final String GRIN = "\uD83D\uDE00"; // 😀, two UTF-16 units
    private static final String HAN = "\u4E2D";        // 中, forces UCS2, one unit

    @ParameterizedTest(name = "{0} GSM chars -> {1} segment(s), sizes {2}")
    @CsvSource({
        "1,   1, 1",
        "160, 1, 160",
        "161, 2, 153 8",
        "306, 2, 153 153",
        "307, 3, 153 153 1",
        "459, 3, 153 153 153",
        "460, 4, 153 153 153 1",
    })
    void gsmSegmentCounts(int length, int segments, String sizes) {
        EncodedText enc = TextEncoder.encode("a".repeat(length));
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(length, enc.units());
        assertEquals(segments, enc.segments());
        assertEquals(sizes, partSizes(enc));
    }

    @ParameterizedTest(name = "{0} UCS2 units -> {1} segment(s), unit sizes {2}")
    @CsvSource({
        "1,   1, 1",
        "70,  1, 70",
        "71,  2, 67 4",
        "134, 2, 67 67",
        "135, 3, 67 67 1",
    })
    void ucs2SegmentCounts(int length, int segments, String unitSizes) {
        EncodedText enc = TextEncoder.encode(HAN.repeat(length));
        assertEquals(Encoding.UCS2, enc.encoding());
        assertEquals(length, enc.units());
        assertEquals(segments, enc.segments());
        assertEquals(unitSizes, partUnits(enc));
    }

    @Test
    void eightyEurosFitOneSegment() {
        EncodedText enc = TextEncoder.encode(EURO.repeat(80));
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(160, enc.units());
        assertEquals(1, enc.segments());
        assertEquals(160, enc.parts().get(0).length);
    }

    @Test
    void eightyOneEurosNeedTwoAndKeepPairsWhole() {
        EncodedText enc = TextEncoder.encode(EURO.repeat(81));
        assertEquals(162, enc.units());
        assertEquals(2, enc.segments());
        // 153 is odd: 76 pairs (152 septets) fit, the 77th pair would straddle and moves whole
        assertEquals("152 10", partSizes(enc));
        for (byte[] part : enc.parts()) {
            assertNotEquals(0x1B, part[part.length - 1]);
            assertEquals(0x1B, part[0]);
        }
        assertEquals(EURO.repeat(81), decodeAll(enc));
    }

    @Test
    void escapePairStraddlingBoundaryMovesToNextPart() {
        String text = "a".repeat(152) + EURO + "b".repeat(10);
        EncodedText enc = TextEncoder.encode(text);
        assertEquals(164, enc.units());
        assertEquals(2, enc.segments());
        assertArrayEquals(filled(152, 'a'), enc.parts().get(0));
        byte[] second = new byte[12];
        second[0] = 0x1B;
        second[1] = 0x65;
        Arrays.fill(second, 2, 12, (byte) 'b');
        assertArrayEquals(second, enc.parts().get(1));
        assertEquals(text, decodeAll(enc));
    }

    @Test
    void escapePairEndingExactlyAtBoundaryStays() {
        String text = "a".repeat(151) + "[" + "b".repeat(10);
        EncodedText enc = TextEncoder.encode(text);
        assertEquals("153 10", partSizes(enc));
        byte[] first = enc.parts().get(0);
        assertArrayEquals(bytes(0x1B, 0x3C), Arrays.copyOfRange(first, 151, 153));
    }

    @Test
    void thirtyFiveEmojiFitOneSegment() {
        EncodedText enc = TextEncoder.encode(GRIN.repeat(35));
        assertEquals(Encoding.UCS2, enc.encoding());
        assertEquals(70, enc.units());
        assertEquals(1, enc.segments());
    }

    @Test
    void thirtySixEmojiNeedTwoAndNoPartEndsWithHighSurrogate() {
        EncodedText enc = TextEncoder.encode(GRIN.repeat(36));
        assertEquals(72, enc.units());
        assertEquals(2, enc.segments());
        // 67 is odd: 33 emoji (66 units) fit, the 34th would be cut and moves whole
        assertEquals("66 6", partUnits(enc));
        assertNoPartEndsWithHighSurrogate(enc);
        assertEquals(GRIN.repeat(36), decodeAll(enc));
    }

    @Test
    void surrogateShiftCanAddASegment() {
        // 134 units would be exactly 2 x 67, but pairs force 66-unit parts: 66 + 66 + 2
        EncodedText enc = TextEncoder.encode(GRIN.repeat(67));
        assertEquals(134, enc.units());
        assertEquals(3, enc.segments());
        assertEquals("66 66 2", partUnits(enc));
        assertNoPartEndsWithHighSurrogate(enc);
    }

    @Test
    void surrogatePairNotAtBoundaryIsUntouched() {
        String text = HAN.repeat(60) + GRIN + HAN.repeat(20); // pair at units 60..61
        EncodedText enc = TextEncoder.encode(text);
        assertEquals(82, enc.units());
        assertEquals("67 15", partUnits(enc));
        assertEquals(text, decodeAll(enc));
    }

    @Test
    void longMixedTextRoundTripsThroughParts() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append(i % 7 == 0 ? GRIN : i % 5 == 0 ? "\u00E4" : HAN);
        }
        String text = sb.toString();
        EncodedText enc = TextEncoder.encode(text);
        assertEquals(text.length(), enc.units());
        for (byte[] part : enc.parts()) {
            assertTrue(part.length <= 134);
        }
        assertNoPartEndsWithHighSurrogate(enc);
        assertEquals(text, decodeAll(enc));
    }

    @Test
    void forcedGsmLongTextSplitsOnSubstitutes() {
        EncodedText enc = TextEncoder.encode(GRIN.repeat(161), Encoding.GSM7);
        assertEquals(161, enc.units());
        assertEquals("153 8", partSizes(enc));
        assertArrayEquals(filled(8, '?'), enc.parts().get(1));
    }

    private static void assertNoPartEndsWithHighSurrogate(EncodedText enc) {
        for (byte[] part : enc.parts()) {
            char last = (char) ((part[part.length - 2] & 0xFF) << 8 | (part[part.length - 1] & 0xFF));
            assertFalse(Character.isHighSurrogate(last), "part ends with a high surrogate");
        }
    }

    private static String decodeAll(EncodedText enc) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        enc.parts().forEach(all::writeBytes);
        return TextDecoder.decode(all.toByteArray(), enc.encoding().dataCoding());
    }

    private static String partSizes(EncodedText enc) {
        StringBuilder sb = new StringBuilder();
        for (byte[] part : enc.parts()) {
            sb.append(sb.length() == 0 ? "" : " ").append(part.length);
        }
        return sb.toString();
    }

    private static String partUnits(EncodedText enc) {
        StringBuilder sb = new StringBuilder();
        for (byte[] part : enc.parts()) {
            sb.append(sb.length() == 0 ? "" : " ").append(part.length / 2);
        }
        return sb.toString();
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
