package io.herald.contacts.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Rows of a CSV (or pasted) text, in a detected encoding and with a detected delimiter. */
public final class CsvTableReader implements TableReader {
  private final String fileName;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;

  private CsvTableReader(String fileName, Reader reader, char delimiter) throws IOException {
    this.fileName = fileName;
    this.parser = CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true)
        .get()
        .parse(reader);
    this.records = parser.iterator();
  }

  public static CsvTableReader open(Path file, String fileName, TextEncodings.Detected encoding, char delimiter)
      throws IOException {
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(encoding.bomLength());
    return new CsvTableReader(fileName, new BufferedReader(new InputStreamReader(in, encoding.charset()), 64 * 1024),
        delimiter);
  }

  /** The delimiter a file most likely uses, judged from its first line: comma, semicolon or tab. */
  public static char delimiter(Path file, TextEncodings.Detected encoding) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(encoding.bomLength());
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, encoding.charset()));
      String line = reader.readLine();
      if (line == null) {
        return ',';
      }
      int commas = 0;
      int semicolons = 0;
      int tabs = 0;
      boolean quoted = false;
      for (char ch : line.toCharArray()) {
        if (ch == '"') {
          quoted = !quoted;
        } else if (!quoted) {
          commas += ch == ',' ? 1 : 0;
          semicolons += ch == ';' ? 1 : 0;
          tabs += ch == '\t' ? 1 : 0;
        }
      }
      if (tabs > commas && tabs >= semicolons) {
        return '\t';
      }
      return semicolons > commas ? ';' : ',';
    }
  }

  @Override
  public RawRow next() throws FileProblem {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord record = records.next();
      List<String> cells = new ArrayList<>(record.size());
      record.forEach(cells::add);
      return RawRow.of((int) record.getRecordNumber(), cells);
    } catch (UncheckedIOException | IllegalStateException e) {
      // commons-csv reports a broken quote as an UncheckedIOException naming the line
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new FileProblem("file '" + fileName + "' is not valid CSV: " + cause.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
