package io.herald.smsc.encoding;

import static io.herald.smsc.encoding.TextEncoderTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextDecoderTest {

    private static final byte[] GSM_HELLO_EURO = bytes(0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x20, 0x1B, 0x65, 0x00);
    private static final byte[] UCS2_HELLO_GRIN = bytes(0x00, 0x48, 0x00, 0x69, 0xD8, 0x3D, 0xDE, 0x00);
    private static final byte[] HIGH_OCTETS = bytes(0x41, 0xE9, 0xFF);

    @Test
    void gsmDefault() {
        assertEquals("Hello \u20AC@", TextDecoder.decode(GSM_HELLO_EURO, 0x00));
        assertEquals("\u00A3$\u00A5\u00E8", TextDecoder.decode(bytes(0x01, 0x02, 0x03, 0x04), 0x00));
        assertEquals("\u0394_\u03A3", TextDecoder.decode(bytes(0x10, 0x11, 0x18), 0x00));
        assertEquals("{}[]~|\\^\f", TextDecoder.decode(
                bytes(0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x3D, 0x1B, 0x40, 0x1B, 0x2F, 0x1B, 0x14,
                        0x1B, 0x0A), 0x00));
    }

    @Test
    void gsmUnknownEscapeShowsBaseChar() {
        assertEquals("A", TextDecoder.decode(bytes(0x1B, 0x41), 0x00));
        assertEquals("x\u00E9y", TextDecoder.decode(bytes(0x78, 0x1B, 0x05, 0x79), 0x00));
    }

    @Test
    void gsmDanglingOrDoubleEscapeShowsSpace() {
        assertEquals("ab ", TextDecoder.decode(bytes(0x61, 0x62, 0x1B), 0x00));
        assertEquals("a b", TextDecoder.decode(bytes(0x61, 0x1B, 0x1B, 0x62), 0x00));
    }

    @Test
    void gsmIgnoresTopBit() {
        assertEquals("A@", TextDecoder.decode(bytes(0xC1, 0x80), 0x00));
    }

    @Test
    void ia5Ascii() {
        assertEquals("id:123 stat:DELIVRD", TextDecoder.decode("id:123 stat:DELIVRD".getBytes(), 0x01));
        assertEquals("A\uFFFD", TextDecoder.decode(bytes(0x41, 0xE9), 0x01));
    }

    @Test
    void latin1() {
        assertEquals("A\u00E9\u00FF", TextDecoder.decode(HIGH_OCTETS, 0x03));
    }

    @ParameterizedTest(name = "data_coding 0x{0} is an ISO-8859-1 view")
    @ValueSource(ints = {0x02, 0x04, 0x05, 0x09, 0x0D})
    void binaryView(int dcs) {
        assertEquals("A\u00E9\u00FF", TextDecoder.decode(HIGH_OCTETS, dcs));
    }

    @Test
    void ucs2() {
        assertEquals("Hi\uD83D\uDE00", TextDecoder.decode(UCS2_HELLO_GRIN, 0x08));
        assertEquals("\u00E4\u4E2D", TextDecoder.decode(bytes(0x00, 0xE4, 0x4E, 0x2D), 0x08));
        assertEquals("\u041F\u0440\u0438", TextDecoder.decode(bytes(0x04, 0x1F, 0x04, 0x40, 0x04, 0x38), 0x08));
    }

    @Test
    void ucs2OddLengthAndLoneSurrogate() {
        assertEquals("A\uFFFD", TextDecoder.decode(bytes(0x00, 0x41, 0x42), 0x08));
        assertEquals("\uD83Dx", TextDecoder.decode(bytes(0xD8, 0x3D, 0x00, 0x78), 0x08));
    }

    @Test
    void nationalCharsets() {
        assertEquals("\u0410\u0430", TextDecoder.decode(bytes(0xB0, 0xD0), 0x06));            // Cyrillic
        assertEquals("\u05D0\u05EA", TextDecoder.decode(bytes(0xE0, 0xFA), 0x07));            // Hebrew
        assertEquals("\u4E9C", TextDecoder.decode(                                             // ISO-2022-JP
                bytes(0x1B, 0x24, 0x42, 0x30, 0x21, 0x1B, 0x28, 0x42), 0x0A));
        assertEquals("\uAC00", TextDecoder.decode(bytes(0xB0, 0xA1), 0x0E));                  // KS C 5601
    }

    @ParameterizedTest(name = "data_coding 0x{0} is UCS-2")
    @ValueSource(ints = {0x18, 0x19, 0x1A, 0x1B, 0x48, 0x5B, 0xE0, 0xEF, 0x0B})
    void ucs2CodingGroups(int dcs) {
        assertEquals("Hi\uD83D\uDE00", TextDecoder.decode(UCS2_HELLO_GRIN, dcs));
    }

    @ParameterizedTest(name = "data_coding 0x{0} is GSM 7-bit")
    @ValueSource(ints = {0x10, 0x11, 0x12, 0x13, 0x1C, 0x40, 0x80, 0xB5, 0xC0, 0xD3, 0xF0, 0xF1, 0xF3, 0x0C, 0x0F})
    void gsmCodingGroups(int dcs) {
        assertEquals("Hello \u20AC@", TextDecoder.decode(GSM_HELLO_EURO, dcs));
    }

    @ParameterizedTest(name = "data_coding 0x{0} is 8-bit")
    @ValueSource(ints = {0x14, 0x15, 0x16, 0x17, 0x54, 0xF4, 0xF5, 0xF6, 0xF7, 0x20, 0x3A, 0x68})
    void eightBitAndCompressedCodingGroups(int dcs) {
        assertEquals("A\u00E9\u00FF", TextDecoder.decode(HIGH_OCTETS, dcs));
    }

    @Test
    void signedByteDataCoding() {
        assertEquals("A\u00E9\u00FF", TextDecoder.decode(HIGH_OCTETS, (byte) 0xF4));
        assertEquals("Hi\uD83D\uDE00", TextDecoder.decode(UCS2_HELLO_GRIN, (byte) 0xE0));
    }

    @Test
    void emptyPayload() {
        for (int dcs : new int[] {0x00, 0x01, 0x03, 0x04, 0x08, 0xF0}) {
            assertEquals("", TextDecoder.decode(new byte[0], dcs));
        }
    }
}
