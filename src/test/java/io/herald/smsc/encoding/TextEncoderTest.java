package io.herald.smsc.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Alphabet choice, septet counting and exact bytes for short texts. */
class TextEncoderTest {

    @Test
    void dataCodingValues() {
        assertEquals(0x00, Encoding.GSM7.dataCoding());
        assertEquals(0x08, Encoding.UCS2.dataCoding());
    }

    @Test
    void atPoundDollar() {
        EncodedText enc = TextEncoder.encode("@\u00A3$");
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(3, enc.units());
        assertEquals(1, enc.segments());
        assertArrayEquals(bytes(0x00, 0x01, 0x02), enc.parts().get(0));
    }

    @Test
    void euroIsEscapePair() {
        EncodedText enc = TextEncoder.encode("\u20AC");
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(2, enc.units());
        assertArrayEquals(bytes(0x1B, 0x65), enc.parts().get(0));
    }

    @Test
    void eAcuteIsGsmNotUcs2() {
        EncodedText enc = TextEncoder.encode("\u00E9");
        assertEquals(Encoding.GSM7, enc.encoding());
        assertArrayEquals(bytes(0x05), enc.parts().get(0));
    }

    @Test
    void aUmlautWithHanIsUcs2() {
        EncodedText enc = TextEncoder.encode("\u00E4\u4E2D"); // ä中
        assertEquals(Encoding.UCS2, enc.encoding());
        assertEquals(2, enc.units());
        assertArrayEquals(bytes(0x00, 0xE4, 0x4E, 0x2D), enc.parts().get(0));
    }

    @Test
    void mixedAsciiAndExtension() {
        EncodedText enc = TextEncoder.encode("Hi {x}\n");
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(9, enc.units());
        assertArrayEquals(bytes(0x48, 0x69, 0x20, 0x1B, 0x28, 0x78, 0x1B, 0x29, 0x0A), enc.parts().get(0));
    }

    @Test
    void formFeedIsExtension() {
        assertArrayEquals(bytes(0x1B, 0x0A), TextEncoder.encode("\f").parts().get(0));
        assertEquals(2, TextEncoder.gsmSeptets("\f"));
    }

    @Test
    void emojiMixIsUcs2WithEightUnits() {
        EncodedText enc = TextEncoder.encode("Hello \uD83D\uDE00");
        assertEquals(Encoding.UCS2, enc.encoding());
        assertEquals(8, enc.units());
        assertEquals(1, enc.segments());
        assertArrayEquals(bytes(0x00, 'H', 0x00, 'e', 0x00, 'l', 0x00, 'l', 0x00, 'o', 0x00, ' ',
                0xD8, 0x3D, 0xDE, 0x00), enc.parts().get(0));
    }

    @Test
    void chooseEncoding() {
        assertEquals(Encoding.GSM7, TextEncoder.chooseEncoding("Plain text 123 [ok] \u20AC5"));
        assertEquals(Encoding.GSM7, TextEncoder.chooseEncoding(""));
        assertEquals(Encoding.UCS2, TextEncoder.chooseEncoding("Caf\u00E7a")); // ç is not GSM
        assertEquals(Encoding.UCS2, TextEncoder.chooseEncoding("\u041F\u0440\u0438\u0432\u0435\u0442")); // Привет
        assertEquals(Encoding.UCS2, TextEncoder.chooseEncoding("x\uD83D\uDE00"));
    }

    @Test
    void isGsm7() {
        assertTrue(TextEncoder.isGsm7(""));
        assertTrue(TextEncoder.isGsm7("^{}\\[~]|\u20AC\f"));
        assertFalse(TextEncoder.isGsm7("back`tick"));
        assertFalse(TextEncoder.isGsm7("\uD83D\uDE00"));
    }

    @Test
    void gsmSeptets() {
        assertEquals(0, TextEncoder.gsmSeptets(""));
        assertEquals(5, TextEncoder.gsmSeptets("hello"));
        assertEquals(20, TextEncoder.gsmSeptets("^{}\\[~]|\u20AC\f"));
        assertEquals(7, TextEncoder.gsmSeptets("a[b]c"));
        assertEquals(9, TextEncoder.gsmSeptets("a[b]c\u20AC"));
        // outside the alphabet: one septet each, a surrogate pair counts once (as its '?' substitute)
        assertEquals(3, TextEncoder.gsmSeptets("a\u00E7b"));
        assertEquals(2, TextEncoder.gsmSeptets("a\uD83D\uDE00"));
    }

    @Test
    void emptyTextIsOneEmptyPart() {
        EncodedText gsm = TextEncoder.encode("");
        assertEquals(Encoding.GSM7, gsm.encoding());
        assertEquals(0, gsm.units());
        assertEquals(1, gsm.segments());
        assertEquals(0, gsm.parts().get(0).length);

        EncodedText ucs2 = TextEncoder.encode("", Encoding.UCS2);
        assertEquals(Encoding.UCS2, ucs2.encoding());
        assertEquals(0, ucs2.units());
        assertEquals(1, ucs2.segments());
        assertEquals(0, ucs2.parts().get(0).length);
    }

    @Test
    void forcedUcs2ForGsmText() {
        EncodedText enc = TextEncoder.encode("A\u20AC", Encoding.UCS2);
        assertEquals(Encoding.UCS2, enc.encoding());
        assertEquals(2, enc.units());
        assertArrayEquals(bytes(0x00, 0x41, 0x20, 0xAC), enc.parts().get(0));
    }

    @Test
    void forcedGsm7SubstitutesQuestionMark() {
        // ç -> '?', emoji (a surrogate pair) -> a single '?', € stays an escape pair
        EncodedText enc = TextEncoder.encode("\u00E7a\uD83D\uDE00\u20AC", Encoding.GSM7);
        assertEquals(Encoding.GSM7, enc.encoding());
        assertEquals(5, enc.units());
        assertArrayEquals(bytes(0x3F, 0x61, 0x3F, 0x1B, 0x65), enc.parts().get(0));
        assertEquals("?a?\u20AC", TextDecoder.decode(enc.parts().get(0), 0x00));
    }

    @Test
    void forcedGsm7OnGsmTextMatchesAutomatic() {
        String text = "Price: 5\u20AC [promo]";
        EncodedText auto = TextEncoder.encode(text);
        EncodedText forced = TextEncoder.encode(text, Encoding.GSM7);
        assertEquals(auto.units(), forced.units());
        assertArrayEquals(auto.parts().get(0), forced.parts().get(0));
    }

    @Test
    void loneSurrogatesPassThroughUcs2() {
        EncodedText enc = TextEncoder.encode("\uD83Dx");
        assertEquals(Encoding.UCS2, enc.encoding());
        assertArrayEquals(bytes(0xD8, 0x3D, 0x00, 0x78), enc.parts().get(0));
    }

    @Test
    void nullsRejected() {
        assertThrows(NullPointerException.class, () -> TextEncoder.encode(null));
        assertThrows(NullPointerException.class, () -> TextEncoder.encode("x", null));
        assertThrows(NullPointerException.class, () -> TextEncoder.isGsm7(null));
    }

    @Test
    void encodedTextPartsAreImmutable() {
        EncodedText enc = TextEncoder.encode("x");
        assertThrows(UnsupportedOperationException.class, () -> enc.parts().add(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new EncodedText(Encoding.GSM7, 0, List.of()));
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
