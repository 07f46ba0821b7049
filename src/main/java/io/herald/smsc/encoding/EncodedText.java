package io.herald.smsc.encoding;

import java.util.List;
import java.util.Objects;

/**
 * One text prepared for the wire.
 *
 * <p>{@code parts}: each part's payload WITHOUT any UDH. GSM7 parts hold unpacked GSM 03.38
 * septets, one byte per septet (escape 0x1B then the extension code, as SMPP carries the default
 * alphabet unpacked); UCS2 parts hold UTF-16BE bytes. {@code units} is the total number of septets
 * (GSM7, extension chars count 2) or UTF-16 code units (UCS2).
 *
 * <p>The list is immutable; the byte arrays are not copied (hot path), so callers must not modify them.
 * Being arrays, they take part in {@code equals} by identity only.
 */
public record EncodedText(Encoding encoding, int units, List<byte[]> parts) {

    public EncodedText {
        Objects.requireNonNull(encoding, "encoding");
        if (units < 0) {
            throw new IllegalArgumentException("units must be >= 0, got " + units);
        }
        parts = List.copyOf(parts); // also rejects null parts
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an encoded text has at least one part");
        }
    }

    /** Number of SMS segments; more than one means each part needs a concatenation UDH. */
    public int segments() {
        return parts.size();
    }
}
