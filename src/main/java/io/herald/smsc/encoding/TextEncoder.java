package io.herald.smsc.encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the alphabet for a text and splits it into SMS-sized parts.
 *
 * <p>Limits come from the 140-octet user data: 160 septets or 70 UTF-16 units in a single SMS;
 * a concatenation UDH (6 octets) leaves 153 septets or 67 units per part. A part never ends in the
 * middle of a GSM escape pair or a UTF-16 surrogate pair, because the handset would render the
 * halves as garbage; that part then carries one unit less.
 *
 * <p>The number of parts is not capped here: Herald's own limit, and the 255-part limit of the
 * concatenation IE (enforced by {@link Udh}), are the caller's to check via {@link EncodedText#segments()}.
 */
public final class TextEncoder {

    static final int GSM_SINGLE = 160;
    static final int GSM_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;

    /** Septet sent for a char the GSM alphabet lacks when GSM7 is forced. */
    private static final byte GSM_REPLACEMENT = 0x3F; // '?'

    private TextEncoder() {
    }

    /** True when every char is in the GSM 03.38 basic or extension table. */
    public static boolean isGsm7(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (GsmAlphabet.code(text.charAt(i)) == GsmAlphabet.NONE) {
                return false;
            }
        }
        return true;
    }

    /** GSM7 when the text fits the GSM alphabet, UCS2 otherwise. */
    public static Encoding chooseEncoding(String text) {
        return isGsm7(text) ? Encoding.GSM7 : Encoding.UCS2;
    }

    /**
     * Septets the text takes in GSM7: extension chars (^{}\[~]|€ and form feed) count 2.
     * A char outside the alphabet counts 1 (a surrogate pair counts 1 in total), matching the
     * single '?' that {@link #encode(String, Encoding)} substitutes when GSM7 is forced.
     */
    public static int gsmSeptets(String text) {
        int septets = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int code = GsmAlphabet.code(c);
            if (code == GsmAlphabet.NONE) {
                septets++;
                if (isPairAt(text, i)) {
                    i++;
                }
            } else {
                septets += code >= GsmAlphabet.EXT_FLAG ? 2 : 1;
            }
        }
        return septets;
    }

    /** Encodes with the alphabet {@link #chooseEncoding} would pick, in one scan of the text. */
    public static EncodedText encode(String text) {
        int septets = gsmSeptetsIfGsm(text);
        return septets >= 0 ? encodeGsm(text, septets) : encodeUcs2(text);
    }

    /**
     * Encodes with the given alphabet, e.g. for an SMSC route without UCS-2 support.
     * Forcing GSM7 on text outside the alphabet is lossy: each such char, or surrogate pair, becomes '?'.
     */
    public static EncodedText encode(String text, Encoding forced) {
        Objects.requireNonNull(forced, "forced");
        return forced == Encoding.GSM7 ? encodeGsm(text, gsmSeptets(text)) : encodeUcs2(text);
    }

    /** Septet count, or -1 as soon as a char is outside the alphabet (saves a second pass in encode). */
    private static int gsmSeptetsIfGsm(String text) {
        int septets = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            int code = GsmAlphabet.code(text.charAt(i));
            if (code == GsmAlphabet.NONE) {
                return -1;
            }
            septets += code >= GsmAlphabet.EXT_FLAG ? 2 : 1;
        }
        return septets;
    }

    private static EncodedText encodeGsm(String text, int septets) {
        // A single part is allocated at its exact size; otherwise fill a 153-septet buffer and cut.
        int limit = septets <= GSM_SINGLE ? septets : GSM_PART;
        List<byte[]> parts = new ArrayList<>(septets / (GSM_PART - 1) + 1);
        byte[] buf = new byte[limit];
        int pos = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int code = GsmAlphabet.code(c);
            int width = code >= GsmAlphabet.EXT_FLAG ? 2 : 1;
            if (pos + width > limit) { // an escape pair that would straddle the cut moves whole
                parts.add(Arrays.copyOf(buf, pos));
                pos = 0;
            }
            if (code == GsmAlphabet.NONE) {
                buf[pos++] = GSM_REPLACEMENT;
                if (isPairAt(text, i)) {
                    i++;
                }
            } else if (width == 2) {
                buf[pos++] = GsmAlphabet.ESCAPE;
                buf[pos++] = (byte) (code & 0x7F);
            } else {
                buf[pos++] = (byte) code;
            }
        }
        parts.add(pos == buf.length ? buf : Arrays.copyOf(buf, pos));
        return new EncodedText(Encoding.GSM7, septets, parts);
    }

    private static EncodedText encodeUcs2(String text) {
        int units = text.length();
        if (units <= UCS2_SINGLE) {
            return new EncodedText(Encoding.UCS2, units, List.of(utf16be(text, 0, units)));
        }
        List<byte[]> parts = new ArrayList<>(units / (UCS2_PART - 1) + 1);
        int start = 0;
        while (start < units) {
            int end = Math.min(start + UCS2_PART, units);
            if (end < units && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // keep the surrogate pair together in the next part
            }
            parts.add(utf16be(text, start, end));
            start = end;
        }
        return new EncodedText(Encoding.UCS2, units, parts);
    }

    /** UTF-16BE by hand: no CharsetEncoder per call, and lone surrogates pass through unchanged. */
    private static byte[] utf16be(String text, int start, int end) {
        byte[] out = new byte[(end - start) * 2];
        for (int i = start, o = 0; i < end; i++) {
            char c = text.charAt(i);
            out[o++] = (byte) (c >>> 8);
            out[o++] = (byte) c;
        }
        return out;
    }

    private static boolean isPairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
