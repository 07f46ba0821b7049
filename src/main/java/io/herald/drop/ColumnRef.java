package io.herald.drop;

import io.herald.errors.Refusal;

/** Where a value is in a file: a 1-based position, or (in files with a header row) the header's text. */
public record ColumnRef(int position, String header) {
  static final int MAX_POSITION = 10_000;

  public static ColumnRef at(int position) {
    return new ColumnRef(position, null);
  }

  public static ColumnRef named(String header) {
    return new ColumnRef(0, header);
  }

  /** Reads a column as the API and the stored profile give it; null stays null. */
  static ColumnRef fromJson(Object value, String field, boolean hasHeader) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      if (n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > MAX_POSITION) {
        throw Refusal.invalid(field, field + " must be a column position from 1 (the first column) to "
            + MAX_POSITION + ", or a header name", n);
      }
      return at(n.intValue());
    }
    if (value instanceof String s && !s.isBlank()) {
      if (!hasHeader) {
        throw Refusal.invalid(field, field + " names a header, but the file has no header row: give the column's"
            + " position instead (1 for the first column)", s);
      }
      return named(s.strip());
    }
    throw Refusal.invalid(field, field + " must be a column position (1 for the first column) or a header name",
        String.valueOf(value));
  }

  public Object toJson() {
    return header != null ? header : position;
  }

  @Override
  public String toString() {
    return header != null ? "column '" + header + "'" : "column " + position;
  }
}
