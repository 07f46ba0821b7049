package io.herald.api;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The one way Herald writes CSV (reports, exports, result and rejects files) and the one guard
 * that keeps a cell from running as a formula when the file is opened in a spreadsheet.
 *
 * <p>Every text cell is quoted, so a separator inside it (a {@code ;} where a spreadsheet splits on
 * semicolons) never makes a cell of its own. A cell whose first visible character starts a formula
 * ({@code = + - @} or their full-width forms), after any leading white space (NBSP and other
 * Unicode spaces included), or that starts with a tab or a line break, gets a leading apostrophe.
 * An E.164 phone number keeps its + readable: a spreadsheet reads it as a number, never a formula.
 */
public final class Csv {
  /** RFC 4180 with every text cell quoted; numbers stay bare. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get();
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,14}");
  private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

  private Csv() {}

  /** One record with its CRLF; Numbers are written as numbers, everything else as guarded text. */
  public static String line(List<?> cells) {
    Object[] values = new Object[cells.size()];
    for (int i = 0; i < values.length; i++) {
      Object v = cells.get(i);
      values[i] = v == null || v instanceof Number ? v : safe(v.toString());
    }
    return FORMAT.format(values) + "\r\n";
  }

  /** The text with a leading apostrophe when a spreadsheet would take it for a formula. */
  public static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? "" : value;
    }
    char first = value.charAt(0);
    if (first == '\t' || first == '\r' || first == '\n') {
      return "'" + value;
    }
    int i = 0;
    while (i < value.length() && isSpace(value.charAt(i))) {
      i++;
    }
    if (i == value.length() || FORMULA_STARTS.indexOf(value.charAt(i)) < 0) {
      return value;
    }
    return i == 0 && E164.matcher(value).matches() ? value : "'" + value;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
  }
}
