package io.herald.smsc.encoding;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes incoming short messages (MO and delivery receipts) by SMPP data_coding.
 *
 * <p>Values SMPP 3.4 §5.2.19 defines (0x00..0x0E) are taken as SMPP says; every other value is read as
 * a 3GPP TS 23.038 §4 data coding scheme (coding group plus alphabet bits). Payloads we cannot turn
 * into text (binary, pictograms, compressed) come back as an ISO-8859-1 view, one char per octet,
 * so nothing is lost and logs stay readable.
 */
public final class TextDecoder {

    private static final Charset CYRILLIC = charsetOrLatin1("ISO-8859-5");
    private static final Charset HEBREW = charsetOrLatin1("ISO-8859-8");
    private static final Charset ISO_2022_JP = charsetOrLatin1("ISO-2022-JP");
    private static final Charset KS_C_5601 = charsetOrLatin1("EUC-KR");

    private TextDecoder() {
    }

    /** Decodes {@code bytes}; only the low 8 bits of {@code dataCoding} count, so a signed byte works too. */
    public static String decode(byte[] bytes, int dataCoding) {
        Objects.requireNonNull(bytes, "bytes");
        int dcs = dataCoding & 0xFF;
        return switch (dcs) {
            case 0x00 -> GsmAlphabet.decode(bytes);                     // SMSC default: GSM 03.38 unpacked
            case 0x01 -> new String(bytes, StandardCharsets.US_ASCII);  // IA5; non-ASCII octets become U+FFFD
            case 0x03 -> binary(bytes);                                 // ISO-8859-1
            case 0x02, 0x04, 0x05, 0x09, 0x0D -> binary(bytes);        // octet data, JIS, pictogram, JIS X 0212
            case 0x06 -> new String(bytes, CYRILLIC);
            case 0x07 -> new String(bytes, HEBREW);
            case 0x08 -> ucs2(bytes);
            case 0x0A -> new String(bytes, ISO_2022_JP);
            case 0x0E -> new String(bytes, KS_C_5601);
            default -> byDataCodingScheme(bytes, dcs);
        };
    }

    /** TS 23.038 coding groups; reserved codings are to be assumed GSM 7-bit default alphabet. */
    private static String byDataCodingScheme(byte[] bytes, int dcs) {
        int group = dcs >>> 4;
        if (group <= 0x7) { // 00xxxxxx general and 01xxxxxx auto-deletion share one layout
            if ((dcs & 0x20) != 0) {
                return binary(bytes); // TS 23.042 compressed: not supported, keep the raw octets
            }
            return switch ((dcs >>> 2) & 0x3) { // bits 3..2: alphabet; bits 1..0: message class
                case 1 -> binary(bytes);
                case 2 -> ucs2(bytes);
                default -> GsmAlphabet.decode(bytes); // 00 default alphabet, 11 reserved
            };
        }
        return switch (group) {
            case 0xE -> ucs2(bytes);                                                   // MWI store, UCS-2
            case 0xF -> (dcs & 0x04) != 0 ? binary(bytes) : GsmAlphabet.decode(bytes); // message class; bit 2: 8-bit
            default -> GsmAlphabet.decode(bytes);        // 0x8..0xB reserved, 0xC/0xD MWI default alphabet
        };
    }

    /** Decoded by hand so lone surrogates survive as-is; a dangling odd octet becomes U+FFFD. */
    private static String ucs2(byte[] bytes) {
        int units = bytes.length >>> 1;
        char[] out = new char[units + (bytes.length & 1)];
        for (int i = 0; i < units; i++) {
            out[i] = (char) ((bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF));
        }
        if ((bytes.length & 1) != 0) {
            out[units] = '\uFFFD';
        }
        return new String(out);
    }

    private static String binary(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** These charsets live in jdk.charsets, which a jlinked runtime may omit; fall back to a raw view. */
    private static Charset charsetOrLatin1(String name) {
        return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.ISO_8859_1;
    }
}
