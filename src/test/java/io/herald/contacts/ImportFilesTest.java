package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.contacts.files.FileProblem;
import io.herald.contacts.files.RawRow;
import io.herald.contacts.files.SourceFormat;
import io.herald.contacts.files.TableReader;
import io.herald.contacts.files.TableSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading uploaded tables: formats, encodings, delimiters; and cells made safe for spreadsheets. */
class ImportFilesTest {
  @TempDir
  Path dir;

  private TableSource source(String name, byte[] content) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return TableSource.detect(file, name, false);
  }

  private static List<RawRow> rows(TableSource source) throws Exception {
    try (TableReader reader = source.open()) {
      List<RawRow> rows = new java.util.ArrayList<>();
      for (RawRow r = reader.next(); r != null; r = reader.next()) {
        rows.add(r);
      }
      return rows;
    }
  }

  @Test
  void encodingsAreDetected() throws Exception {
    assertEquals("UTF-8", source("a.csv", "name\nZoë\n".getBytes(StandardCharsets.UTF_8)).encoding().name());
    assertEquals("UTF-8 with BOM", source("b.csv", "\uFEFFname\nZoë\n".getBytes(StandardCharsets.UTF_8)).encoding().name());
    TableSource cp1252 = source("c.csv", "name\nZoë – “quoted”\n".getBytes(Charset.forName("windows-1252")));
    assertEquals("Windows-1252", cp1252.encoding().name());
    assertEquals("Zoë – “quoted”", rows(cp1252).get(1).cell(0));
    TableSource utf16 = source("d.csv", "\uFEFFname\tphone\nZoë\t1\n".getBytes(StandardCharsets.UTF_16LE));
    assertEquals("UTF-16LE", utf16.encoding().name());
    assertEquals('\t', utf16.delimiter());
    assertEquals(List.of("Zoë", "1"), rows(utf16).get(1).cells());
  }

  @Test
  void delimitersAreDetectedOutsideQuotes() throws Exception {
    assertEquals(';', source("a.csv", "\"a,b\";c;d\n1;2;3\n".getBytes()).delimiter());
    assertEquals(',', source("b.csv", "phone\n+12025550100\n".getBytes()).delimiter());
    assertEquals('\t', source("c.csv", "a\tb\n".getBytes()).delimiter());
  }

  @Test
  void aBrokenQuoteNamesTheFile() throws Exception {
    TableSource broken = source("broken.csv", "a,b\n\"unclosed,2\n3,4\n".getBytes());
    FileProblem problem = assertThrows(FileProblem.class, () -> rows(broken));
    assertEquals(true, problem.getMessage().startsWith("file 'broken.csv' is not valid CSV: "), problem.getMessage());
  }

  @Test
  void binaryFilesAreRefused() throws Exception {
    FileProblem problem = assertThrows(FileProblem.class, () -> source("photo.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}));
    assertEquals("file 'photo.csv' is neither CSV text nor an XLSX workbook", problem.getMessage());
  }

  @Test
  void xlsxCellsComeAsValuesWithProblemsNamed() throws Exception {
    byte[] xlsx = Sheets.workbook(List.of(
        List.of("Phone", "Amount", "Ok"),
        List.of(447911123456L, 12.50, true),
        List.of(new Sheets.Formula("A2+1"), 3, false)));
    TableSource source = source("book.xlsx", xlsx);
    assertEquals(SourceFormat.XLSX, source.format());
    assertNull(source.encoding());
    List<RawRow> rows = rows(source);
    assertEquals(List.of("447911123456", "12.5", "true"), rows.get(1).cells());
    assertEquals(2, rows.get(1).line());
    assertEquals("cell A3 holds a formula (=A2+1); Herald imports values only: copy the column and paste it as values",
        rows.get(2).problems().get(0));
  }

  @Test
  void keywordsMatchTheWholeMessageIgnoringCaseAndSpaces() {
    KeywordSettings k = KeywordSettings.DEFAULTS;
    assertEquals(KeywordAction.OPT_OUT, k.match(" stop ").orElseThrow());
    assertEquals(KeywordAction.OPT_OUT, k.match("Stop all!").orElseThrow());
    assertEquals(KeywordAction.OPT_OUT, k.match("UN SUBSCRIBE").orElseThrow());
    assertEquals(KeywordAction.OPT_IN, k.match("unstop").orElseThrow());
    assertEquals(true, k.match("yes").isEmpty(), "YES is no opt-in keyword");
    assertEquals(KeywordAction.HELP, k.match("Info.").orElseThrow());
    assertEquals(true, k.match("stop it").isEmpty());
    assertEquals(true, k.match("please STOP").isEmpty());
    assertEquals(true, k.match("   ").isEmpty());
  }
}
