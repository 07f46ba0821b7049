package io.herald.smsc.encoding;

import java.util.Arrays;

/**
 * GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table as lookup arrays,
 * so encoding and decoding are a table read per char with no boxing or maps.
 */
final class GsmAlphabet {

    /** Septet that switches the next septet to the extension table. */
    static final int ESCAPE = 0x1B;
    /** Marks a {@link #code} result as an extension-table code (the low 7 bits). */
    static final int EXT_FLAG = 0x80;
    /** What {@link #code} returns for a char with no GSM representation. */
    static final int NONE = -1;

    /** Basic table, indexed by septet. Index 0x1B is the escape and never decodes to itself. */
    private static final char[] BASIC = (
            "@£$¥èéùìòÇ\nØø\rÅå"
          + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
          + " !\"#¤%&'()*+,-./"
          + "0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNO"
          + "PQRSTUVWXYZÄÖÑÜ§"
          + "¿abcdefghijklmno"
          + "pqrstuvwxyzäöñüà").toCharArray();

    /** Extension table, indexed by the septet after the escape; 0 where the table has no char. */
    private static final char[] EXTENSION = new char[128];

    /**
     * Char to code: 0..127 basic septet, EXT_FLAG|code for the extension table, 0xFF for none.
     * Sized to the highest mapped char (the euro sign, U+20AC) to stay small and cache-friendly.
     */
    private static final byte[] CODES = new byte['€' + 1];

    static {
        if (BASIC.length != 128) {
            throw new ExceptionInInitializerError("GSM basic table must have 128 entries, has " + BASIC.length);
        }
        EXTENSION[0x0A] = '\f';
        EXTENSION[0x14] = '^';
        EXTENSION[0x28] = '{';
        EXTENSION[0x29] = '}';
        EXTENSION[0x2F] = '\\';
        EXTENSION[0x3C] = '[';
        EXTENSION[0x3D] = '~';
        EXTENSION[0x3E] = ']';
        EXTENSION[0x40] = '|';
        EXTENSION[0x65] = '€';

        Arrays.fill(CODES, (byte) 0xFF);
        for (int septet = 0; septet < 128; septet++) {
            if (septet != ESCAPE) {
                CODES[BASIC[septet]] = (byte) septet;
            }
            if (EXTENSION[septet] != 0) {
                CODES[EXTENSION[septet]] = (byte) (EXT_FLAG | septet);
            }
        }
    }

    private GsmAlphabet() {
    }

    /** Basic septet (0..127), {@code EXT_FLAG | extensionCode}, or {@link #NONE}. */
    static int code(char c) {
        if (c >= CODES.length) {
            return NONE;
        }
        int code = CODES[c] & 0xFF;
        return code == 0xFF ? NONE : code;
    }

    /**
     * Decodes unpacked septets (one per byte). The top bit is ignored because some SMSCs set it.
     * Per TS 23.038: an escape followed by a code missing from the extension table shows the
     * basic-table char; a trailing escape, or escape-escape (reserved for a further table), shows a space.
     */
    static String decode(byte[] septets) {
        char[] out = new char[septets.length];
        int n = 0;
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet != ESCAPE) {
                out[n++] = BASIC[septet];
            } else if (i + 1 == septets.length) {
                out[n++] = ' ';
            } else {
                int ext = septets[++i] & 0x7F;
                char c = EXTENSION[ext];
                out[n++] = c != 0 ? c : ext == ESCAPE ? ' ' : BASIC[ext];
            }
        }
        return new String(out, 0, n);
    }
}
