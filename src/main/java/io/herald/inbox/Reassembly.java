package io.herald.inbox;

import io.herald.smsc.encoding.TextDecoder;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

/** Turns the stored parts of one reply into its text. */
final class Reassembly {
  /** Stands where parts never arrived in a reply stored incomplete. */
  static final String MISSING = "[\u2026]";

  private Reassembly() {
  }

  /** One stored part: payload octets without UDH. */
  record Fragment(int seq, int dataCoding, byte[] payload, Instant receivedAt) {
  }

  /** The text of a reply and what it was made of. */
  record Assembled(String text, int dataCoding, int parts, int partsExpected, Instant receivedAt) {
    boolean incomplete() {
      return parts < partsExpected;
    }
  }

  static Assembled single(MoPart part) {
    return new Assembled(storable(TextDecoder.decode(part.payload(), part.dataCoding())), part.dataCoding(),
        1, 1, part.receivedAt());
  }

  /**
   * Joins the payload octets of consecutive parts and decodes each run once, so a character split
   * across parts (a UCS-2 surrogate pair, a GSM escape and its character) comes out whole. A run also
   * ends where the data_coding changes (phones do not do that, but decoding one coding's octets as
   * another would garble the rest). Missing parts show as {@link #MISSING}.
   *
   * @param fragments at least one, in seq order, no seq twice
   */
  static Assembled assemble(List<Fragment> fragments, int total) {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    Fragment first = fragments.get(0);
    Instant receivedAt = first.receivedAt();
    if (first.seq() > 1) {
      text.append(MISSING);
    }
    int runCoding = first.dataCoding();
    int previous = first.seq() - 1;
    for (Fragment f : fragments) {
      boolean gap = f.seq() != previous + 1;
      if (gap || f.dataCoding() != runCoding) {
        text.append(TextDecoder.decode(run.toByteArray(), runCoding));
        run.reset();
        if (gap) {
          text.append(MISSING);
        }
        runCoding = f.dataCoding();
      }
      run.writeBytes(f.payload());
      previous = f.seq();
      if (f.receivedAt().isBefore(receivedAt)) {
        receivedAt = f.receivedAt();
      }
    }
    text.append(TextDecoder.decode(run.toByteArray(), runCoding));
    if (previous < total) {
      text.append(MISSING);
    }
    return new Assembled(storable(text.toString()), first.dataCoding(), fragments.size(), total, receivedAt);
  }

  /**
   * PostgreSQL text holds neither NUL nor unpaired surrogates (which UCS-2 or octet data can carry,
   * and a missing part can leave): each becomes U+FFFD, so a reply is always storable.
   */
  static String storable(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      bad = c == '\u0000' || Character.isSurrogate(c);
      if (bad && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }
}
