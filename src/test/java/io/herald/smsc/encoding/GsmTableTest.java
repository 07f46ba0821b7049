package io.herald.smsc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full GSM 03.38 tables, written here independently (as Unicode escapes) from the main code,
 * checked in both directions for every position.
 */
class GsmTableTest {

    /** Septet -> char per 3GPP TS 23.038 §6.2.1; position 0x1B (escape) is a placeholder. */
    static final String BASIC =
            // 0x00..0x0F: @ £ $ ¥ è é ù ì ò Ç LF Ø ø CR Å å
            "\u0040\u00A3\u0024\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5"
            // 0x10..0x1F: Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ESC Æ æ ß É
            + "\u0394\u005F\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u001B\u00C6\u00E6\u00DF\u00C9"
            // 0x20..0x2F: space ! " # ¤ % & ' ( ) * + , - . /
            + "\u0020\u0021\"\u0023\u00A4\u0025\u0026\u0027\u0028\u0029\u002A\u002B\u002C\u002D\u002E\u002F"
            // 0x30..0x3F
            + "0123456789\u003A\u003B\u003C\u003D\u003E\u003F"
            // 0x40..0x4F: ¡ A..O
            + "\u00A1ABCDEFGHIJKLMNO"
            // 0x50..0x5F: P..Z Ä Ö Ñ Ü §
            + "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7"
            // 0x60..0x6F: ¿ a..o
            + "\u00BFabcdefghijklmno"
            // 0x70..0x7F: p..z ä ö ñ ü à
            + "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

    /** Extension table: char and code after the 0x1B escape. */
    static final char[] EXT_CHARS = {'\f', '^', '{', '}', '\\', '[', '~', ']', '|', '\u20AC'};
    static final int[] EXT_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    @Test
    void basicTableHas128Positions() {
        assertEquals(128, BASIC.length());
    }

    @Test
    void namedBasicPositions() {
        // spot checks that do not depend on the table string above
        assertSeptet('@', 0x00);
        assertSeptet('\u00A3', 0x01); // £
        assertSeptet('$', 0x02);
        assertSeptet('\u00A5', 0x03); // ¥
        assertSeptet('\u00E8', 0x04); // è
        assertSeptet('\u00E9', 0x05); // é
        assertSeptet('\u00F9', 0x06); // ù
        assertSeptet('\u00EC', 0x07); // ì
        assertSeptet('\u00F2', 0x08); // ò
        assertSeptet('\u00C7', 0x09); // Ç
        assertSeptet('\n', 0x0A);
        assertSeptet('\u00D8', 0x0B); // Ø
        assertSeptet('\u00F8', 0x0C); // ø
        assertSeptet('\r', 0x0D);
        assertSeptet('\u00C5', 0x0E); // Å
        assertSeptet('\u00E5', 0x0F); // å
        assertSeptet('\u0394', 0x10); // Δ
        assertSeptet('_', 0x11);
        assertSeptet('\u03A6', 0x12); // Φ
        assertSeptet('\u0393', 0x13); // Γ
        assertSeptet('\u039B', 0x14); // Λ
        assertSeptet('\u03A9', 0x15); // Ω
        assertSeptet('\u03A0', 0x16); // Π
        assertSeptet('\u03A8', 0x17); // Ψ
        assertSeptet('\u03A3', 0x18); // Σ
        assertSeptet('\u0398', 0x19); // Θ
        assertSeptet('\u039E', 0x1A); // Ξ
        assertSeptet('\u00C6', 0x1C); // Æ
        assertSeptet('\u00E6', 0x1D); // æ
        assertSeptet('\u00DF', 0x1E); // ß
        assertSeptet('\u00C9', 0x1F); // É
        assertSeptet(' ', 0x20);
        assertSeptet('\u00A4', 0x24); // ¤
        assertSeptet('\u00A1', 0x40); // ¡
        assertSeptet('A', 0x41);
        assertSeptet('\u00C4', 0x5B); // Ä
        assertSeptet('\u00D6', 0x5C); // Ö
        assertSeptet('\u00D1', 0x5D); // Ñ
        assertSeptet('\u00DC', 0x5E); // Ü
        assertSeptet('\u00A7', 0x5F); // §
        assertSeptet('\u00BF', 0x60); // ¿
        assertSeptet('a', 0x61);
        assertSeptet('\u00E4', 0x7B); // ä
        assertSeptet('\u00F6', 0x7C); // ö
        assertSeptet('\u00F1', 0x7D); // ñ
        assertSeptet('\u00FC', 0x7E); // ü
        assertSeptet('\u00E0', 0x7F); // à
    }

    @Test
    void everyBasicPositionEncodesAndDecodes() {
        for (int septet = 0; septet < 128; septet++) {
            if (septet == 0x1B) {
                continue;
            }
            char c = BASIC.charAt(septet);
            String s = String.valueOf(c);
            String where = String.format("septet 0x%02X (U+%04X)", septet, (int) c);
            assertTrue(TextEncoder.isGsm7(s), where);
            assertEquals(1, TextEncoder.gsmSeptets(s), where);
            EncodedText enc = TextEncoder.encode(s);
            assertEquals(Encoding.GSM7, enc.encoding(), where);
            assertEquals(1, enc.units(), where);
            assertArrayEquals(new byte[] {(byte) septet}, enc.parts().get(0), where);
            assertEquals(s, TextDecoder.decode(new byte[] {(byte) septet}, 0x00), where);
        }
    }

    @Test
    void everyExtensionCharEncodesAsEscapePairAndDecodes() {
        for (int i = 0; i < EXT_CHARS.length; i++) {
            String s = String.valueOf(EXT_CHARS[i]);
            byte[] pair = {0x1B, (byte) EXT_CODES[i]};
            String where = String.format("U+%04X", (int) EXT_CHARS[i]);
            assertTrue(TextEncoder.isGsm7(s), where);
            assertEquals(2, TextEncoder.gsmSeptets(s), where);
            EncodedText enc = TextEncoder.encode(s);
            assertEquals(Encoding.GSM7, enc.encoding(), where);
            assertEquals(2, enc.units(), where);
            assertArrayEquals(pair, enc.parts().get(0), where);
            assertEquals(s, TextDecoder.decode(pair, 0x00), where);
        }
    }

    @Test
    void wholeAlphabetRoundTripsAsOneText() {
        StringBuilder all = new StringBuilder();
        for (int septet = 0; septet < 128; septet++) {
            if (septet != 0x1B) {
                all.append(BASIC.charAt(septet));
            }
        }
        for (char c : EXT_CHARS) {
            all.append(c);
        }
        String text = all.toString();
        assertEquals(127 + 10 * 2, TextEncoder.gsmSeptets(text));
        EncodedText enc = TextEncoder.encode(text);
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(1, enc.segments());
        assertEquals(text, TextDecoder.decode(enc.parts().get(0), 0x00));
    }

    @Test
    void exactly137BmpCharsAreGsm() {
        // guards against accidental extra mappings (e.g. lower-case ç or the raw escape char)
        List<String> gsm = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (TextEncoder.isGsm7(String.valueOf((char) c))) {
                gsm.add(String.format("U+%04X", c));
            }
        }
        assertEquals(137, gsm.size(), gsm.toString());
    }

    @Test
    void lookalikesAreNotGsm() {
        for (String s : new String[] {"`", "\u00E7" /* ç */, "\u00E1" /* á */, "\u2019" /* ’ */,
                "\u00A0" /* nbsp */, "\u001B" /* raw escape */, "\t", "\u0391" /* Greek Alpha */, "\u20AD"}) {
            assertFalse(TextEncoder.isGsm7(s), s);
            assertEquals(Encoding.UCS2, TextEncoder.chooseEncoding(s), s);
        }
    }

    private static void assertSeptet(char c, int septet) {
        assertArrayEquals(new byte[] {(byte) septet}, TextEncoder.encode(String.valueOf(c)).parts().get(0),
                String.format("U+%04X", (int) c));
        assertEquals(c, BASIC.charAt(septet), String.format("test table at 0x%02X", septet));
    }
}
