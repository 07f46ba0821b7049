package io.herald.contacts.files;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Rows of an XLSX workbook with exactly one sheet, streamed. Values only: a cell holding a formula
 * or an error makes its row unusable (the row says which cell and why), numbers come as plain
 * digits, date cells as YYYY-MM-DD.
 */
public final class XlsxTableReader implements TableReader {
  private final String fileName;
  private final ReadableWorkbook workbook;
  private final Stream<Row> stream;
  private final Iterator<Row> rows;

  private XlsxTableReader(String fileName, ReadableWorkbook workbook, Stream<Row> stream) {
    this.fileName = fileName;
    this.workbook = workbook;
    this.stream = stream;
    this.rows = stream.iterator();
  }

  public static XlsxTableReader open(Path file, String fileName) throws FileProblem {
    ReadableWorkbook workbook = null;
    try {
      workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
      List<Sheet> sheets = workbook.getSheets().toList();
      if (sheets.size() != 1) {
        List<String> names = sheets.stream().map(Sheet::getName).toList();
        throw new FileProblem("file '" + fileName + "' has " + sheets.size() + " sheets (" + String.join(", ", names)
            + "); Herald imports a workbook with one sheet: delete the others or save the sheet as CSV");
      }
      return new XlsxTableReader(fileName, workbook, sheets.get(0).openStream());
    } catch (FileProblem e) {
      closeQuietly(workbook);
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(workbook);
      throw unreadable(fileName, e);
    }
  }

  @Override
  public RawRow next() throws FileProblem {
    try {
      if (!rows.hasNext()) {
        return null;
      }
      Row row = rows.next();
      List<String> cells = new ArrayList<>(row.getCellCount());
      Map<Integer, String> problems = new HashMap<>();
      for (int i = 0; i < row.getCellCount(); i++) {
        Cell cell = row.getCell(i);
        cells.add(text(cell));
        if (cell != null) {
          switch (cell.getType()) {
            case FORMULA -> problems.put(i, "cell " + cell.getAddress() + " holds a formula (=" + cell.getFormula()
                + "); Herald imports values only: copy the column and paste it as values");
            case ERROR -> problems.put(i, "cell " + cell.getAddress() + " holds the error " + cell.getRawValue());
            default -> {
              // a value
            }
          }
        }
      }
      return new RawRow(row.getRowNum(), cells, problems.isEmpty() ? Map.of() : problems);
    } catch (RuntimeException e) {
      throw unreadable(fileName, e);
    }
  }

  private static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    switch (cell.getType()) {
      case NUMBER -> {
        if (isDate(cell)) {
          LocalDateTime time = cell.asDate();
          return time.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? time.toLocalDate().toString() : time.toString();
        }
        BigDecimal number = cell.asNumber();
        return number.stripTrailingZeros().toPlainString();
      }
      case BOOLEAN -> {
        return String.valueOf(cell.asBoolean());
      }
      case FORMULA, ERROR -> {
        return cell.getRawValue() == null ? "" : cell.getRawValue();
      }
      case EMPTY -> {
        return "";
      }
      default -> {
        return cell.getText();
      }
    }
  }

  /** Built-in date formats (ids 14-22, 45-47) and custom formats with day, month or year parts. */
  private static boolean isDate(Cell cell) {
    Integer id = cell.getDataFormatId();
    if (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))) {
      return true;
    }
    String format = cell.getDataFormatString();
    if (format == null) {
      return false;
    }
    String plain = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").toLowerCase();
    return plain.matches(".*[dmy].*") && !plain.contains("general");
  }

  private static FileProblem unreadable(String fileName, Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new FileProblem("file '" + fileName + "' is not a readable XLSX workbook: " + why);
  }

  private static void closeQuietly(ReadableWorkbook workbook) {
    if (workbook != null) {
      try {
        workbook.close();
      } catch (IOException | RuntimeException ignored) {
        // already failing
      }
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
    workbook.close();
  }
}
