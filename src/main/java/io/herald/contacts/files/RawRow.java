package io.herald.contacts.files;

import java.util.List;
import java.util.Map;

/**
 * One row of an uploaded table as text cells. {@code line} is the row number a person sees (the
 * spreadsheet row, or the record number in a CSV file); {@code problems} says, by column index,
 * why a cell's value cannot be used (a formula, an error value).
 */
public record RawRow(int line, List<String> cells, Map<Integer, String> problems) {
  public static RawRow of(int line, List<String> cells) {
    return new RawRow(line, cells, Map.of());
  }

  public String cell(int index) {
    return index < cells.size() ? cells.get(index) : "";
  }

  public boolean blank() {
    return cells.stream().allMatch(c -> c == null || c.isBlank());
  }
}
