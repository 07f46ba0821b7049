package io.herald.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV as spreadsheets write it: quotes, separators and line breaks inside fields, and files that are not CSV. */
class CsvRowsTest {
  @TempDir
  Path dir;

  private static List<CsvRows.Record> all(String text) throws Exception {
    try (CsvRows rows = CsvRows.of(new StringReader(text), ',')) {
      List<CsvRows.Record> list = new ArrayList<>();
      CsvRows.Record r;
      while ((r = rows.next()) != null) {
        list.add(r);
      }
      return list;
    }
  }

  @Test
  void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
    List<CsvRows.Record> rows = all("name,note\r\n\"Doe, Ana\",\"said \"\"hi\"\"\nthen left\"\r\nBen,plain\n");
    assertEquals(3, rows.size());
    assertEquals(List.of("Doe, Ana", "said \"hi\"\nthen left"), rows.get(1).cells());
    assertEquals(2, rows.get(1).row());
    assertEquals(2, rows.get(1).line());
    assertEquals(List.of("Ben", "plain"), rows.get(2).cells());
    assertEquals(3, rows.get(2).row(), "a record with a line break in it is one row");
    assertEquals(4, rows.get(2).line(), "but two lines");
  }

  @Test
  void everyLineEndingAndALastLineWithoutOneAreRead() throws Exception {
    List<CsvRows.Record> rows = all("a,b\rc,d\r\ne,f\ng,h");
    assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h")),
        rows.stream().map(CsvRows.Record::cells).toList());
  }

  @Test
  void blankLinesAndRowsOfEmptyCellsCountAsRowsButAreBlank() throws Exception {
    List<CsvRows.Record> rows = all("a,b\n\n,,\nc,d\n");
    assertEquals(4, rows.size());
    assertTrue(rows.get(1).blank());
    assertTrue(rows.get(2).blank());
    assertEquals(4, rows.get(3).row());
    assertEquals("", rows.get(3).cell(7), "a cell past the end of a short row is empty");
  }

  @Test
  void textAfterAClosingQuoteAndQuotesInsideAnUnquotedFieldAreKept() throws Exception {
    assertEquals(List.of("5\" screen", "ab c"), all("5\" screen,\"ab\" c\n").get(0).cells());
  }

  @Test
  void aQuoteThatNeverClosesIsReportedWhereItStarts() {
    CsvRows.CsvProblem e = assertThrows(CsvRows.CsvProblem.class, () -> all("a,b\nc,\"d\ne,f\n"));
    assertEquals("unbalanced quotes: the quoted field that starts on line 2 (column 2) is never closed", e.getMessage());
  }

  @Test
  void aLineOfMoreThanOneMegabyteStopsTheReading() {
    String huge = "x".repeat(CsvRows.MAX_RECORD_CHARS + 1);
    CsvRows.CsvProblem e = assertThrows(CsvRows.CsvProblem.class, () -> all("a,b\n" + huge + "\n"));
    assertEquals("line 2 is longer than 1 MB: this does not look like a CSV file of recipients", e.getMessage());
    CsvRows.CsvProblem quoted = assertThrows(CsvRows.CsvProblem.class, () -> all("a,b\n\"" + huge + "\n"));
    assertEquals("unbalanced quotes: the quoted field that starts on line 2 (column 1) runs on for more than 1 MB"
        + " without its closing quote", quoted.getMessage());
  }

  @Test
  void theSeparatorIsTakenFromTheFirstLine() throws Exception {
    assertEquals(';', open("Name;Mobile\nAna;+12025550101\n", StandardCharsets.UTF_8).separator());
    assertEquals('\t', open("Name\tMobile\nAna\t+12025550101\n", StandardCharsets.UTF_8).separator());
    assertEquals(',', open("\"Doe; Ana\",Mobile\n", StandardCharsets.UTF_8).separator());
    assertEquals(';', open("Nom;Montant (1,5);Mobile\n", StandardCharsets.UTF_8).separator(),
        "the separator used most wins: a comma inside a semicolon file's header does not make it comma-separated");
    try (CsvRows rows = open("Name;Mobile\nAna;+12025550101\n", StandardCharsets.UTF_8)) {
      rows.next();
      assertEquals(List.of("Ana", "+12025550101"), rows.next().cells());
    }
  }

  @Test
  void aFileIsReadInItsEncodingWithoutItsByteOrderMark() throws Exception {
    try (CsvRows rows = open("\uFEFFPrénom,Mobile\n", StandardCharsets.UTF_8)) {
      assertEquals(List.of("Prénom", "Mobile"), rows.next().cells());
    }
    try (CsvRows rows = open("Prénom,Mobile\nHélène,+33612345678\n", Charset.forName("windows-1252"))) {
      assertEquals(List.of("Prénom", "Mobile"), rows.next().cells());
      assertEquals(List.of("Hélène", "+33612345678"), rows.next().cells());
      assertNull(rows.next());
    }
  }

  private CsvRows open(String text, Charset charset) throws IOException {
    Path file = Files.createTempFile(dir, "rows", ".csv");
    Files.write(file, text.getBytes(charset));
    return CsvRows.open(file, TextFacts.of(file).textEncoding());
  }
}
