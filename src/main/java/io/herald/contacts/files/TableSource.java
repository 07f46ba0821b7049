package io.herald.contacts.files;

import io.herald.ingest.CsvRows;
import io.herald.ingest.TextEncoding;
import io.herald.ingest.TextFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An uploaded table on disk and how to read it. {@link #detect} decides the format from the
 * content (an XLSX workbook is a ZIP file), and for text the encoding and the delimiter.
 */
public record TableSource(Path file, String fileName, SourceFormat format, TextEncoding encoding,
                          char delimiter) {

  public static TableSource detect(Path file, String fileName, boolean pasted) throws FileProblem, IOException {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n == 0) {
      throw new FileProblem("file '" + fileName + "' is empty");
    }
    if (!pasted && n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return new TableSource(file, fileName, SourceFormat.XLSX, null, ',');
    }
    if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
        && (head[3] & 0xFF) == 0xE0) {
      throw new FileProblem("file '" + fileName + "' is an Excel 97-2003 (.xls) workbook; save it as XLSX or CSV");
    }
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      throw new FileProblem("file '" + fileName + "' is not a readable XLSX workbook: it is not a ZIP archive");
    }
    TextFacts facts = TextFacts.of(file);
    if (facts.binary()) {
      throw new FileProblem("file '" + fileName + "' is neither CSV text nor an XLSX workbook");
    }
    TextEncoding encoding = facts.textEncoding();
    return new TableSource(file, fileName, pasted ? SourceFormat.TEXT : SourceFormat.CSV, encoding,
        CsvRows.separator(file, encoding));
  }

  /** A stored import's source, as detect() found it. */
  public static TableSource of(Path file, String fileName, SourceFormat format, String encoding, String delimiter) {
    return new TableSource(file, fileName, format, encoding == null ? null : TextEncoding.named(encoding),
        delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0));
  }

  public TableReader open() throws FileProblem {
    if (!Files.isRegularFile(file)) {
      throw new FileProblem("the upload of '" + fileName + "' is no longer there; upload it again");
    }
    if (format == SourceFormat.XLSX) {
      return XlsxTableReader.open(file, fileName);
    }
    try {
      return CsvTableReader.open(file, fileName, encoding, delimiter);
    } catch (IOException e) {
      throw new FileProblem("file '" + fileName + "' cannot be read: " + e.getMessage());
    }
  }
}
