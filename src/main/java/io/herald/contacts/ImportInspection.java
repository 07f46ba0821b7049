package io.herald.contacts;

import io.herald.contacts.files.FileProblem;
import io.herald.contacts.files.RawRow;
import io.herald.contacts.files.TableReader;
import io.herald.contacts.files.TableSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What stage 1 learns from an upload by reading it once through: whether the first row is headers,
 * the headers (or "Column N"), the first rows as samples, and how many rows there are. A file that
 * cannot be read, or is too large, fails here, before anything is stored.
 */
record ImportInspection(TableSource source, boolean hasHeader, List<String> headers, List<List<String>> samples, int rows) {
  static final int SAMPLES = 5;

  /** Blocking: on a worker thread. */
  static ImportInspection inspect(TableSource source, String region, ImportLimits limits) throws FileProblem {
    try (TableReader reader = source.open()) {
      RawRow first = nextNonBlank(reader);
      if (first == null) {
        throw new FileProblem("file '" + source.fileName() + "' has no rows");
      }
      boolean hasHeader = !ColumnGuess.looksLikeData(first.cells(), region);
      List<String> headers = new ArrayList<>(hasHeader ? first.cells() : List.of());
      List<List<String>> samples = new ArrayList<>();
      int rows = 0;
      int columns = first.cells().size();
      RawRow row = hasHeader ? nextNonBlank(reader) : first;
      while (row != null) {
        rows++;
        if (rows > limits.maxRows()) {
          throw new FileProblem("file '" + source.fileName() + "' has more than " + limits.maxRows()
              + " rows; split it into smaller files");
        }
        columns = Math.max(columns, row.cells().size());
        if (samples.size() < SAMPLES) {
          samples.add(row.cells());
        }
        row = nextNonBlank(reader);
      }
      if (columns > limits.maxColumns()) {
        throw new FileProblem("file '" + source.fileName() + "' has " + columns + " columns; at most "
            + limits.maxColumns() + " can be imported");
      }
      for (int i = 0; i < columns; i++) {
        if (i >= headers.size()) {
          headers.add("");
        }
        if (headers.get(i) == null || headers.get(i).isBlank()) {
          headers.set(i, "Column " + (i + 1));
        } else {
          headers.set(i, headers.get(i).strip());
        }
      }
      if (rows == 0) {
        throw new FileProblem("file '" + source.fileName() + "' has headers but no rows of contacts");
      }
      return new ImportInspection(source, hasHeader, headers, samples, rows);
    } catch (IOException e) {
      throw new FileProblem("file '" + source.fileName() + "' cannot be read: " + e.getMessage());
    }
  }

  static RawRow nextNonBlank(TableReader reader) throws FileProblem {
    RawRow row = reader.next();
    while (row != null && row.blank()) {
      row = reader.next();
    }
    return row;
  }
}
