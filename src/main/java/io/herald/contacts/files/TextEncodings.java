package io.herald.contacts.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which encoding a CSV file is in: a byte-order mark decides (UTF-8, UTF-16); without one the file
 * is UTF-8 when every byte sequence in it is valid UTF-8, and Windows-1252 (what Excel writes on
 * Western Windows) otherwise.
 */
public final class TextEncodings {
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextEncodings() {}

  /** The charset, how many BOM bytes to skip, and a name to show ("UTF-8 with BOM", ...). */
  public record Detected(Charset charset, int bomLength, String name) {}

  public static Detected detect(Path file) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 4);
    }
    if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      return new Detected(StandardCharsets.UTF_8, 3, "UTF-8 with BOM");
    }
    if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return new Detected(StandardCharsets.UTF_16LE, 2, "UTF-16LE");
    }
    if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return new Detected(StandardCharsets.UTF_16BE, 2, "UTF-16BE");
    }
    return validUtf8(file) ? new Detected(StandardCharsets.UTF_8, 0, "UTF-8")
        : new Detected(WINDOWS_1252, 0, "Windows-1252");
  }

  /** The detection result a name from {@link Detected#name()} stands for. */
  public static Detected byName(String name) {
    return switch (name) {
      case "UTF-8 with BOM" -> new Detected(StandardCharsets.UTF_8, 3, name);
      case "UTF-16LE" -> new Detected(StandardCharsets.UTF_16LE, 2, name);
      case "UTF-16BE" -> new Detected(StandardCharsets.UTF_16BE, 2, name);
      case "Windows-1252" -> new Detected(WINDOWS_1252, 0, name);
      default -> new Detected(StandardCharsets.UTF_8, 0, "UTF-8");
    };
  }

  /** Streams the whole file through a strict decoder. */
  private static boolean validUtf8(Path file) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    CharBuffer out = CharBuffer.allocate(64 * 1024);
    try (var channel = Files.newByteChannel(file)) {
      while (true) {
        int read = channel.read(in);
        in.flip();
        var result = decoder.decode(in, out, read < 0);
        if (result.isError()) {
          return false;
        }
        out.clear();
        in.compact();
        if (read < 0) {
          return !decoder.flush(out).isError() && in.position() == 0;
        }
      }
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
