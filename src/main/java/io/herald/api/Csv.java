package io.herald.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV lines for reports and exports that are safe to open in a spreadsheet: a cell that could be
 * read as a formula (starting with = + - @, tab or CR) gets a leading apostrophe, except an E.164
 * phone number, which keeps its + readable.
 */
public final class Csv {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,14}");

  private Csv() {}

  public static String line(List<?> cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    return out.append("\r\n").toString();
  }

  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !E164.matcher(text).matches()) {
      text = "'" + text;
    }
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0 || text.startsWith(" ") || text.endsWith(" ");
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
