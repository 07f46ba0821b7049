package io.herald.contacts.files;

import io.herald.ingest.CsvRows;
import io.herald.ingest.TextEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a CSV (or pasted) text for the import wizard, read by the one CSV reader: blank lines are
 * skipped but counted, so a row number is the spreadsheet's, and cells lose surrounding spaces.
 */
public final class CsvTableReader implements TableReader {
  private final String fileName;
  private final CsvRows rows;

  private CsvTableReader(String fileName, CsvRows rows) {
    this.fileName = fileName;
    this.rows = rows;
  }

  public static CsvTableReader open(Path file, String fileName, TextEncoding encoding, char delimiter)
      throws IOException {
    return new CsvTableReader(fileName, CsvRows.open(file, encoding, delimiter));
  }

  @Override
  public RawRow next() throws FileProblem {
    try {
      CsvRows.Record record;
      do {
        record = rows.next();
      } while (record != null && record.blank());
      if (record == null) {
        return null;
      }
      List<String> cells = new ArrayList<>(record.cells().size());
      record.cells().forEach(c -> cells.add(c.strip()));
      return RawRow.of((int) record.row(), cells);
    } catch (CsvRows.CsvProblem e) {
      throw new FileProblem("file '" + fileName + "' is not valid CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new FileProblem("file '" + fileName + "' cannot be read: " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
