package io.herald.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one pass over a file tells: encoding, content hash, and why it is no text when it is not. */
class TextFactsTest {
  @TempDir
  Path dir;

  private TextFacts facts(byte[] bytes) throws Exception {
    Path file = Files.createTempFile(dir, "f", ".csv");
    Files.write(file, bytes);
    return TextFacts.of(file);
  }

  @Test
  void utf8WithAndWithoutBomAndWindows1252AreTold() throws Exception {
    TextFacts plain = facts("Prénom\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("UTF-8", plain.encoding());
    assertEquals(0, plain.bomLength());
    assertNull(plain.problem());
    TextFacts bom = facts("\uFEFFPrénom\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("UTF-8 with BOM", bom.encoding());
    assertEquals(3, bom.bomLength());
    TextFacts latin = facts("Prénom\n".getBytes(Charset.forName("windows-1252")));
    assertEquals("Windows-1252", latin.encoding());
    assertTrue(latin.readable());
  }

  @Test
  void aUtf8CharacterSplitAcrossReadBuffersIsStillUtf8() throws Exception {
    byte[] text = ("x".repeat(64 * 1024 - 1) + "é\n").getBytes(StandardCharsets.UTF_8);
    assertEquals("UTF-8", facts(text).encoding());
  }

  @Test
  void theSameBytesHaveTheSameHash() throws Exception {
    byte[] content = "a,b\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(facts(content).sha256(), facts(content).sha256());
    assertEquals(64, facts(content).sha256().length());
    assertEquals(4, facts(content).size());
  }

  @Test
  void filesThatAreNotTextSayWhy() throws Exception {
    assertEquals("the file is empty", facts(new byte[0]).problem());
    assertEquals("the file is UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\" or \"CSV (Comma delimited)\"",
        facts("\uFEFFName\tMobile\n".getBytes(StandardCharsets.UTF_16LE)).problem());
    assertEquals("the file is not text: it holds binary data (a NUL byte at byte 5): it looks like an Excel workbook"
        + " (.xlsx) or a ZIP archive; save it as CSV", facts(new byte[] {'P', 'K', 3, 4, 0, 0, 1}).problem());
    assertEquals("the file is not text: it holds binary data (a NUL byte at byte 3); save it as CSV",
        facts(new byte[] {'a', ',', 0, 'b'}).problem());
  }
}
