package io.herald.contacts.files;

import java.util.Locale;

/** How an import's rows were given: a CSV file, an XLSX workbook, or text pasted in. */
public enum SourceFormat {
  CSV, XLSX, TEXT;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SourceFormat fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
