package io.herald.contacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** XLSX workbooks written the way a spreadsheet program would, for upload tests. */
final class Sheets {
  private Sheets() {}

  /** A cell holding a formula instead of a value. */
  record Formula(String expression) {}

  /** One workbook with a sheet per name; each sheet's rows of String, Number, LocalDate, Boolean or Formula cells. */
  static byte[] workbook(List<String> sheetNames, List<List<List<Object>>> sheets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook wb = new Workbook(out, "Tests", "1.0");
      for (int s = 0; s < sheetNames.size(); s++) {
        Worksheet ws = wb.newWorksheet(sheetNames.get(s));
        List<List<Object>> rows = sheets.get(s);
        for (int r = 0; r < rows.size(); r++) {
          List<Object> row = rows.get(r);
          for (int c = 0; c < row.size(); c++) {
            Object v = row.get(c);
            if (v instanceof String text) {
              ws.value(r, c, text);
            } else if (v instanceof Number n) {
              ws.value(r, c, n);
            } else if (v instanceof Boolean b) {
              ws.value(r, c, b);
            } else if (v instanceof java.time.LocalDate d) {
              ws.value(r, c, d);
              ws.style(r, c).format("yyyy-mm-dd").set();
            } else if (v instanceof Formula f) {
              ws.formula(r, c, f.expression());
            }
          }
        }
      }
      wb.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] workbook(List<List<Object>> rows) {
    return workbook(List.of("Contacts"), List.of(rows));
  }
}
