package io.herald.smsc.encoding;

import java.util.Arrays;
import java.util.Objects;

/**
 * User Data Header (3GPP TS 23.040 §9.2.3.24) for concatenated SMS: building it for outgoing parts
 * and parsing it from incoming multipart messages (esm_class UDHI set).
 */
public final class Udh {

    /** IE 0x00: concatenated short messages, 8-bit reference. */
    static final int IEI_CONCAT_8 = 0x00;
    /** IE 0x08: concatenated short messages, 16-bit reference. */
    static final int IEI_CONCAT_16 = 0x08;

    private Udh() {
    }

    /** {@code 05 00 03 ref total seq}: the 6-octet header that leaves 153 septets / 67 UCS-2 units. */
    public static byte[] concat8(int reference, int total, int sequence) {
        checkRange("reference", reference, 0, 0xFF);
        checkParts(total, sequence);
        return new byte[] {0x05, IEI_CONCAT_8, 0x03, (byte) reference, (byte) total, (byte) sequence};
    }

    /** {@code 06 08 04 refHi refLo total seq}: 16-bit reference, fewer collisions, one octet longer. */
    public static byte[] concat16(int reference, int total, int sequence) {
        checkRange("reference", reference, 0, 0xFFFF);
        checkParts(total, sequence);
        return new byte[] {0x06, IEI_CONCAT_16, 0x04,
            (byte) (reference >>> 8), (byte) reference, (byte) total, (byte) sequence};
    }

    /**
     * Parses a short_message that starts with a UDH.
     *
     * @throws IllegalArgumentException when the header is truncated or an IE overruns it. A concat IE
     *     with total 0, sequence 0 or sequence beyond total is not an error: TS 23.040 says to ignore
     *     that IE, so {@code concat} is then null. When a concat IE repeats, the last one wins (also TS 23.040).
     */
    public static Parsed parse(byte[] shortMessage) {
        Objects.requireNonNull(shortMessage, "shortMessage");
        if (shortMessage.length == 0) {
            throw new IllegalArgumentException("UDH malformed: short_message is empty, no UDH length octet");
        }
        int udhLength = shortMessage[0] & 0xFF;
        int udhEnd = 1 + udhLength;
        if (udhEnd > shortMessage.length) {
            throw new IllegalArgumentException("UDH malformed: UDH length " + udhLength
                    + " exceeds the " + (shortMessage.length - 1) + " octets after the length octet");
        }
        Concat concat = null;
        int pos = 1;
        while (pos < udhEnd) {
            if (pos + 2 > udhEnd) {
                throw new IllegalArgumentException("UDH malformed: truncated information element at offset "
                        + pos + " (needs identifier and length octets, " + (udhEnd - pos) + " left in the UDH)");
            }
            int iei = shortMessage[pos] & 0xFF;
            int ieLength = shortMessage[pos + 1] & 0xFF;
            int data = pos + 2;
            if (data + ieLength > udhEnd) {
                throw new IllegalArgumentException(String.format(
                        "UDH malformed: IE 0x%02X at offset %d declares length %d but only %d octets remain in the UDH",
                        iei, pos, ieLength, udhEnd - data));
            }
            if (iei == IEI_CONCAT_8 || iei == IEI_CONCAT_16) {
                Concat found = readConcat(shortMessage, iei, data, ieLength);
                if (found != null) {
                    concat = found;
                }
            }
            pos = data + ieLength;
        }
        return new Parsed(concat, Arrays.copyOfRange(shortMessage, udhEnd, shortMessage.length));
    }

    /** Null when the values make TS 23.040 ignore the IE. */
    private static Concat readConcat(byte[] b, int iei, int data, int ieLength) {
        int expected = iei == IEI_CONCAT_8 ? 3 : 4;
        if (ieLength != expected) {
            throw new IllegalArgumentException(String.format(
                    "UDH malformed: concatenation IE 0x%02X must have length %d, got %d", iei, expected, ieLength));
        }
        int reference = iei == IEI_CONCAT_8
                ? b[data] & 0xFF
                : (b[data] & 0xFF) << 8 | (b[data + 1] & 0xFF);
        int total = b[data + expected - 2] & 0xFF;
        int sequence = b[data + expected - 1] & 0xFF;
        if (total == 0 || sequence == 0 || sequence > total) {
            return null;
        }
        return new Concat(reference, total, sequence);
    }

    private static void checkParts(int total, int sequence) {
        checkRange("total", total, 1, 0xFF);
        checkRange("sequence", sequence, 1, total);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    /** A parsed UDH: {@code concat} is null when the header has no (valid) concatenation IE. */
    public record Parsed(Concat concat, byte[] payload) {
        public Parsed {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** Concatenation info: parts sharing a reference (and originator) belong together, sequence is 1-based. */
    public record Concat(int reference, int total, int sequence) {
    }
}
