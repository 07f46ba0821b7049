package io.herald.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV reader, for drops and imports alike: the records of a file, read as a stream, never
 * more than one record in memory. Fields are separated by commas (or by semicolons or tabs when the
 * first line has more of those), may be quoted, and quoted fields may hold the separator, doubled
 * quotes and line breaks. Records end at LF, CRLF or CR. A row number counts records from 1, header and blank lines included, as a
 * spreadsheet numbers its rows.
 *
 * <p>A record longer than {@link #MAX_RECORD_CHARS} or a quoted field that never closes ends the
 * reading with a {@link CsvProblem} that says where, since what follows cannot be trusted. That is
 * why it is not commons-csv's parser (which writes Herald's CSV): that one cannot bound a record and
 * reads an unclosed quote to the end of the file before it says only the line it gave up on.
 */
public final class CsvRows implements AutoCloseable {
  public static final int MAX_RECORD_CHARS = 1024 * 1024;
  private static final int EOF = -1;

  private final Reader reader;
  private final char separator;
  private final StringBuilder field = new StringBuilder(64);
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int limit;
  private long line = 1;
  private long row;
  private int pushedBack = EOF - 1;

  /** One record: its row number, the line it starts on, and its fields as written. */
  public record Record(long row, long line, List<String> cells) {
    public String cell(int index) {
      return index < cells.size() ? cells.get(index) : "";
    }

    /** An empty line, or one of empty cells only (spreadsheets write those after the data). */
    public boolean blank() {
      for (String cell : cells) {
        if (!cell.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }

  /** The file cannot be read further; the message says where and why. */
  public static final class CsvProblem extends Exception {
    public CsvProblem(String message) {
      super(message, null, false, false);
    }
  }

  private CsvRows(Reader reader, char separator) {
    this.reader = reader;
    this.separator = separator;
  }

  /** Reads the file in its encoding, with the separator its first line uses. */
  public static CsvRows open(Path file, TextEncoding encoding) throws IOException {
    return open(file, encoding, separator(file, encoding));
  }

  /** Reads the file in its encoding with a separator decided before (an import's, as it was stored). */
  public static CsvRows open(Path file, TextEncoding encoding, char separator) throws IOException {
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(encoding.bomLength());
    return new CsvRows(new InputStreamReader(in, encoding.charset().newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)), separator);
  }

  /** Reads text already in memory (tests, small inputs). */
  public static CsvRows of(Reader reader, char separator) {
    return new CsvRows(reader, separator);
  }

  public char separator() {
    return separator;
  }

  /** The next record, or null at the end of the file. */
  public Record next() throws IOException, CsvProblem {
    int c = read();
    if (c == EOF) {
      return null;
    }
    row++;
    long startLine = line;
    long chars = 0;
    List<String> cells = new ArrayList<>();
    field.setLength(0);
    boolean quoted = false;
    boolean fieldStart = true;
    long quoteLine = 0;
    int quoteColumn = 0;
    while (true) {
      if (++chars > MAX_RECORD_CHARS) {
        throw new CsvProblem(quoted
            ? "unbalanced quotes: the quoted field that starts on line " + quoteLine + " (column " + quoteColumn
                + ") runs on for more than 1 MB without its closing quote"
            : "line " + startLine + " is longer than 1 MB: this does not look like a CSV file of recipients");
      }
      if (quoted) {
        if (c == EOF) {
          throw new CsvProblem("unbalanced quotes: the quoted field that starts on line " + quoteLine + " (column "
              + quoteColumn + ") is never closed");
        }
        if (c == '"') {
          int next = read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false; // anything after the closing quote up to the separator is kept, as Excel does
            pushBack(next);
          }
        } else {
          if (c == '\n' || (c == '\r' && peek() != '\n')) {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && fieldStart) {
        quoted = true;
        quoteLine = line;
        quoteColumn = cells.size() + 1;
        fieldStart = false;
      } else if (c == separator) {
        cells.add(field.toString());
        field.setLength(0);
        fieldStart = true;
      } else if (c == '\r' || c == '\n' || c == EOF) {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        if (c != EOF) {
          line++;
        }
        cells.add(field.toString());
        return new Record(row, startLine, cells);
      } else {
        field.append((char) c);
        fieldStart = false;
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (pushedBack != EOF - 1) {
      int c = pushedBack;
      pushedBack = EOF - 1;
      return c;
    }
    if (position == limit) {
      limit = reader.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return EOF;
      }
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    int c = read();
    pushBack(c);
    return c;
  }

  private void pushBack(int c) {
    pushedBack = c;
  }

  /**
   * The separator the first line uses most outside quotes: tab, semicolon (what a spreadsheet writes
   * where the comma is the decimal mark) or comma, which also wins a tie and a line of one column.
   */
  public static char separator(Path file, TextEncoding encoding) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(encoding.bomLength());
      BufferedReader first = new BufferedReader(new InputStreamReader(in, encoding.charset()), 8192);
      char[] head = new char[8192];
      int n = first.read(head);
      int commas = 0;
      int semicolons = 0;
      int tabs = 0;
      boolean quoted = false;
      for (int i = 0; i < n; i++) {
        char ch = head[i];
        if (ch == '"') {
          quoted = !quoted;
        } else if (!quoted && (ch == '\n' || ch == '\r')) {
          break;
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
  public void close() throws IOException {
    reader.close();
  }
}
