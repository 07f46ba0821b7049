package io.herald.inbox;

import io.herald.smsc.MoFragment;
import io.herald.smsc.encoding.Udh;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fragment read: normalised addresses, the payload octets without any UDH, and where it belongs
 * ({@code total} 1 for a single-part reply; reference, total and seq from the UDH concatenation IE,
 * else from the sar_* TLVs).
 */
record MoPart(String smsc, String source, String destination, int dataCoding, byte[] payload,
              int reference, int total, int seq, Instant receivedAt) {
  private static final Logger log = LoggerFactory.getLogger(MoPart.class);
  /** esm_class bit 6: short_message starts with a User Data Header. */
  static final int UDHI = 0x40;

  boolean multipart() {
    return total > 1;
  }

  static MoPart of(MoFragment f) {
    byte[] octets = f.shortMessage() != null && f.shortMessage().length > 0 ? f.shortMessage()
        : f.messagePayload() != null ? f.messagePayload() : new byte[0];
    byte[] payload = octets;
    Udh.Concat concat = null;
    if ((f.esmClass() & UDHI) != 0 && octets.length > 0) {
      try {
        Udh.Parsed parsed = Udh.parse(octets);
        payload = parsed.payload();
        concat = parsed.concat();
      } catch (IllegalArgumentException e) {
        // Keep everything as one single-part reply rather than refuse it (the SMSC would redeliver
        // it forever) or drop it: the reader sees a few odd characters at the start.
        log.warn("SMSC {} sent a reply with UDHI set and {}; storing all {} octets as text",
            f.smsc(), e.getMessage(), octets.length);
      }
    }
    if (concat == null && f.sarRef() != null && f.sarTotal() != null && f.sarSeq() != null
        && f.sarRef() >= 0 && f.sarRef() <= 0xFFFF && f.sarTotal() >= 1 && f.sarTotal() <= 0xFF
        && f.sarSeq() >= 1 && f.sarSeq() <= f.sarTotal()) {
      concat = new Udh.Concat(f.sarRef(), f.sarTotal(), f.sarSeq());
    }
    Instant receivedAt = f.receivedAt().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
    if (concat == null || concat.total() == 1) {
      return new MoPart(f.smsc(), address(f.source()), address(f.destination()), f.dataCoding() & 0xFF,
          payload, 0, 1, 1, receivedAt);
    }
    return new MoPart(f.smsc(), address(f.source()), address(f.destination()), f.dataCoding() & 0xFF,
        payload, concat.reference(), concat.total(), concat.sequence(), receivedAt);
  }

  /**
   * The address as the SMSC gave it, with a {@code +} in front when it is an international number
   * sent as bare digits. Carriers send MO addresses with TON international and no prefix; we do not
   * get the TON here, so the rule is by shape: 10 to 15 digits (E.164 allows at most 15, and every
   * short code is shorter than 10) become {@code +digits}; anything else (short codes, alphanumeric
   * senders, numbers that already have a {@code +}) is kept as is. A national number of 10+ digits
   * sent without its country code would get a wrong {@code +}; SMSCs do not send those for MO.
   */
  static String address(String given) {
    if (given == null) {
      return "";
    }
    String a = given.trim();
    if (a.length() >= 10 && a.length() <= 15 && a.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "+" + a;
    }
    return a;
  }
}
