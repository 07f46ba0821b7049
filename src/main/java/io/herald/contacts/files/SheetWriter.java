package io.herald.contacts.files;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.herald.api.Csv;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes an exported table row by row to a file, as CSV (UTF-8 with a byte-order mark) or XLSX.
 * Every cell goes through {@link Csv}'s formula guard. Blocking: use it on a worker thread.
 */
public interface SheetWriter extends Closeable {
  void row(List<String> cells) throws IOException;

  /** Completes the file; close() alone leaves it unfinished. */
  void finish() throws IOException;

  static SheetWriter csv(Path file) throws IOException {
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        64 * 1024);
    out.write('\uFEFF');
    CSVPrinter printer = new CSVPrinter(out, Csv.FORMAT);
    return new SheetWriter() {
      @Override
      public void row(List<String> cells) throws IOException {
        printer.printRecord(cells.stream().map(Csv::safe).toList());
      }

      @Override
      public void finish() throws IOException {
        printer.flush();
      }

      @Override
      public void close() throws IOException {
        printer.close();
      }
    };
  }

  static SheetWriter xlsx(Path file, String sheetName) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    Workbook workbook = new Workbook(out, "Herald", "1.0");
    Worksheet sheet = workbook.newWorksheet(sheetName);
    return new SheetWriter() {
      private int row;

      @Override
      public void row(List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
          String value = Csv.safe(cells.get(c));
          if (!value.isEmpty()) {
            sheet.value(row, c, value);
          }
        }
        row++;
        if (row % 1000 == 0) {
          sheet.flush(); // keeps memory flat on large exports
        }
      }

      @Override
      public void finish() throws IOException {
        workbook.finish();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
