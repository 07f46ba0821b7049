package io.herald.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a text file is to be read: its charset, how many byte-order-mark bytes to skip, and the name
 * shown to people and stored with an import ("UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE",
 * "Windows-1252").
 */
public record TextEncoding(Charset charset, int bomLength, String name) {
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  public static final TextEncoding UTF_8 = new TextEncoding(StandardCharsets.UTF_8, 0, "UTF-8");
  public static final TextEncoding UTF_8_BOM = new TextEncoding(StandardCharsets.UTF_8, 3, "UTF-8 with BOM");
  public static final TextEncoding UTF_16LE = new TextEncoding(StandardCharsets.UTF_16LE, 2, "UTF-16LE");
  public static final TextEncoding UTF_16BE = new TextEncoding(StandardCharsets.UTF_16BE, 2, "UTF-16BE");
  public static final TextEncoding CP1252 = new TextEncoding(WINDOWS_1252, 0, "Windows-1252");

  /** The encoding a stored name stands for; UTF-8 for a name it does not know. */
  public static TextEncoding named(String name) {
    return switch (name == null ? "" : name) {
      case "UTF-8 with BOM" -> UTF_8_BOM;
      case "UTF-16LE" -> UTF_16LE;
      case "UTF-16BE" -> UTF_16BE;
      case "Windows-1252" -> CP1252;
      default -> UTF_8;
    };
  }
}
