package io.herald.drop;

import io.herald.api.Csv;
import io.herald.ingest.Rejection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <name>.result.csv}, written beside a processed or failed file: every rejected row with its
 * column, value and reason, then one summary line. UTF-8 with a BOM so that Excel shows accents;
 * cells are made safe to open in a spreadsheet.
 */
final class ResultFile implements AutoCloseable {
  static final List<String> HEADER = List.of("Row", "Column", "Value", "Reason");
  private final Path path;
  private final BufferedWriter out;
  private final StoredRejects stored;

  ResultFile(Path path) throws IOException {
    this(path, null);
  }

  /** stored, when given, keeps the rejected rows in the database too (files received, not dry runs). */
  ResultFile(Path path, StoredRejects stored) throws IOException {
    this.path = path;
    this.stored = stored;
    this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    out.write('\uFEFF');
    out.write(Csv.line(HEADER));
  }

  Path path() {
    return path;
  }

  void rejected(Rejection r) throws IOException {
    out.write(Csv.line(List.of(r.row(), r.field(), r.value() == null ? "" : r.value(), r.reason())));
    if (stored != null) {
      stored.add(r);
    }
  }

  /** The file as a whole could not be (fully) read. */
  void problem(String reason) throws IOException {
    out.write(Csv.line(List.of("file", "", "", reason)));
  }

  void summary(String text) throws IOException {
    out.write(Csv.line(List.of("Summary", "", "", text)));
  }

  @Override
  public void close() throws IOException {
    try {
      if (stored != null) {
        stored.flush();
      }
    } finally {
      out.close();
    }
  }
}
