package io.herald.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What one pass over an uploaded file tells before it is parsed: its size and SHA-256 (to spot the
 * same content dropped twice), its encoding (UTF-8 with or without BOM, else Windows-1252, which is
 * what Excel writes on Western Windows; UTF-16 by its byte-order mark) and, when it cannot be read as
 * text at all, why not.
 */
public record TextFacts(long size, String sha256, Charset charset, int bomLength, String encoding, String problem) {
  private static final int BUFFER = 64 * 1024;

  /** What a drop says of UTF-16 text, which the import wizard reads but a drop profile does not. */
  public static final String UTF_16_PROBLEM = "the file is UTF-16 text (Excel's \"Unicode Text\"): save it as"
      + " \"CSV UTF-8\" or \"CSV (Comma delimited)\"";

  public boolean readable() {
    return problem == null;
  }

  /** Not text in any encoding: a NUL byte outside UTF-16. */
  public boolean binary() {
    return "binary".equals(encoding);
  }

  /** How to read it, when it is text. */
  public TextEncoding textEncoding() {
    return TextEncoding.named(encoding);
  }

  public static TextFacts of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer pending = ByteBuffer.allocate(BUFFER + 8);
    CharBuffer chars = CharBuffer.allocate(BUFFER + 8);
    byte[] head = new byte[4];
    int headLength = 0;
    boolean validUtf8 = true;
    long size = 0;
    long nulAt = -1;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        for (int i = 0; i < n && headLength < head.length; i++) {
          head[headLength++] = buffer[i];
        }
        if (nulAt < 0) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] == 0) {
              nulAt = size + i;
              break;
            }
          }
        }
        if (validUtf8) {
          pending.put(buffer, 0, n).flip();
          CoderResult result = utf8.decode(pending, chars, false);
          validUtf8 = !result.isError();
          chars.clear();
          pending.compact();
        }
        size += n;
      }
    }
    if (validUtf8) {
      pending.flip();
      validUtf8 = !utf8.decode(pending, chars, true).isError() && !pending.hasRemaining();
    }
    String hash = HexFormat.of().formatHex(digest.digest());
    int h0 = headLength > 0 ? head[0] & 0xFF : -1;
    int h1 = headLength > 1 ? head[1] & 0xFF : -1;
    if (size == 0) {
      return new TextFacts(0, hash, StandardCharsets.UTF_8, 0, "UTF-8", "the file is empty");
    }
    if ((h0 == 0xFF && h1 == 0xFE) || (h0 == 0xFE && h1 == 0xFF)) {
      TextEncoding utf16 = h0 == 0xFF ? TextEncoding.UTF_16LE : TextEncoding.UTF_16BE;
      return new TextFacts(size, hash, utf16.charset(), 2, utf16.name(), UTF_16_PROBLEM);
    }
    if (nulAt >= 0) {
      return new TextFacts(size, hash, StandardCharsets.UTF_8, 0, "binary", "the file is not text: it holds binary data"
          + " (a NUL byte at byte " + (nulAt + 1) + ")" + binaryHint(head, headLength) + "; save it as CSV");
    }
    if (headLength >= 3 && h0 == 0xEF && h1 == 0xBB && (head[2] & 0xFF) == 0xBF) {
      return validUtf8 ? new TextFacts(size, hash, StandardCharsets.UTF_8, 3, "UTF-8 with BOM", null)
          : new TextFacts(size, hash, StandardCharsets.UTF_8, 3, "UTF-8 with BOM",
              "the file starts with a UTF-8 byte-order mark but is not UTF-8 text: save it again as \"CSV UTF-8\"");
    }
    return validUtf8 ? new TextFacts(size, hash, StandardCharsets.UTF_8, 0, "UTF-8", null)
        : new TextFacts(size, hash, TextEncoding.WINDOWS_1252, 0, "Windows-1252", null);
  }

  /** Names the usual culprits: a spreadsheet or an archive renamed to .csv. */
  private static String binaryHint(byte[] head, int length) {
    if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return ": it looks like an Excel workbook (.xlsx) or a ZIP archive";
    }
    if (length >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
      return ": it looks like an old Excel workbook (.xls)";
    }
    return "";
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
