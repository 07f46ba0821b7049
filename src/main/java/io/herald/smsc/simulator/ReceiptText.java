package io.herald.smsc.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The de-facto standard delivery receipt text (SMPP 3.4 appendix B) and the message preview it quotes. */
final class ReceiptText {
  // UTC keeps receipts independent of the host's zone; SMPP leaves the zone of these dates unspecified.
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
  private static final int PREVIEW_CHARS = 20;
  private static final byte UCS2 = 0x08;
  private static final byte UDHI = 0x40;

  private ReceiptText() {}

  static String format(String id, ReceiptOutcome outcome, Instant submitted, Instant done, String preview) {
    return "id:" + id
        + " sub:001"
        + " dlvrd:" + String.format("%03d", outcome.delivered())
        + " submit date:" + DATE.format(submitted)
        + " done date:" + DATE.format(done)
        + " stat:" + outcome.stat()
        + " err:" + outcome.error()
        + " text:" + preview;
  }

  /**
   * The first 20 characters of a message. Only UCS-2 is really decoded; every other coding is read as 8-bit,
   * which is right for the Latin letters and digits of GSM 7-bit (unpacked) and Latin-1, and harmless otherwise.
   */
  static String preview(byte[] message, byte dataCoding, byte esmClass) {
    if (message == null || message.length == 0) {
      return "";
    }
    int start = 0;
    if ((esmClass & UDHI) != 0) {
      start = Math.min(message.length, 1 + (message[0] & 0xFF)); // skip the user data header of a concatenated part
    }
    String text;
    if (dataCoding == UCS2) {
      text = new String(message, start, (message.length - start) & ~1, StandardCharsets.UTF_16BE);
    } else {
      text = new String(message, start, message.length - start, StandardCharsets.ISO_8859_1);
    }
    StringBuilder preview = new StringBuilder(PREVIEW_CHARS);
    for (int i = 0; i < text.length() && preview.length() < PREVIEW_CHARS; i++) {
      char c = text.charAt(i);
      preview.append(Character.isISOControl(c) ? '?' : c); // keep the receipt one printable line
    }
    return preview.toString();
  }
}
