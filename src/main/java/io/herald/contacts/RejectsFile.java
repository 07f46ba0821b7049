package io.herald.contacts;

import io.herald.api.Csv;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/** The rows an import rejected, as a CSV file: the row number, the original cells, and why. */
public record RejectsFile(String fileName, List<String> headers, List<Line> lines) {
  public record Line(int row, List<String> cells, String reason) {}

  /** A name for the download: rejects of the original file, as CSV. */
  public String downloadName() {
    String base = fileName.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[^A-Za-z0-9._ -]", "_");
    return "rejects-" + base + ".csv";
  }

  /** UTF-8 with a byte-order mark, so spreadsheets read accents right. */
  public String csv() {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter printer = new CSVPrinter(out, Csv.FORMAT)) {
      List<String> header = new ArrayList<>();
      header.add("row");
      headers.forEach(h -> header.add(Csv.safe(h)));
      header.add("reason");
      printer.printRecord(header);
      for (Line line : lines) {
        List<String> record = new ArrayList<>();
        record.add(String.valueOf(line.row()));
        for (int i = 0; i < Math.max(headers.size(), line.cells().size()); i++) {
          record.add(Csv.safe(i < line.cells().size() ? line.cells().get(i) : ""));
        }
        record.add(Csv.safe(line.reason()));
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
