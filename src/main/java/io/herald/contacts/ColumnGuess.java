package io.herald.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The field each column of an upload is most likely meant for: by its header (phone, mobile, cell,
 * e-mail, first name, ... or a custom field's key or label), or, without headers, by what the
 * values look like. A field goes to one column only; columns left over need a choice.
 */
final class ColumnGuess {
  private static final Map<String, String> HEADERS = new HashMap<>();

  static {
    for (String h : List.of("phone", "phonenumber", "phoneno", "mobile", "mobilenumber", "mobilephone", "mobileno",
        "cell", "cellphone", "cellnumber", "cellular", "tel", "telephone", "telephonenumber", "msisdn", "gsm", "sms",
        "number", "handy")) {
      HEADERS.put(h, "phone");
    }
    for (String h : List.of("email", "emailaddress", "mail", "mailaddress")) {
      HEADERS.put(h, "email");
    }
    for (String h : List.of("firstname", "first", "givenname", "forename", "fname")) {
      HEADERS.put(h, "firstName");
    }
    for (String h : List.of("lastname", "last", "surname", "familyname", "lname")) {
      HEADERS.put(h, "lastName");
    }
    for (String h : List.of("timezone", "tz", "zone")) {
      HEADERS.put(h, "timeZone");
    }
    for (String h : List.of("language", "lang", "locale")) {
      HEADERS.put(h, "language");
    }
  }

  private ColumnGuess() {}

  static String plain(String header) {
    return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /** A field key per column, or null where none was recognised. */
  static List<String> guess(List<String> headers, boolean hasHeader, List<List<String>> samples, List<Field> fields,
                            String region) {
    List<String> guessed = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String key = hasHeader ? byHeader(headers.get(i), fields) : byValues(i, samples, region);
      if (key != null && !taken.contains(key)) {
        taken.add(key);
        guessed.add(key);
      } else {
        guessed.add(null);
      }
    }
    return guessed;
  }

  /** The same for a file of another target (appointments): by the headers its columns go by, else phones by value. */
  static List<String> guessFor(List<String> headers, boolean hasHeader, List<List<String>> samples,
                               List<ImportTarget.Column> columns, String region) {
    List<String> guessed = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String key = hasHeader ? byTargetHeader(plain(headers.get(i)), columns) : byValues(i, samples, region);
      boolean known = key != null && columns.stream().anyMatch(c -> c.key().equals(key));
      guessed.add(known && !guessed.contains(key) ? key : null);
    }
    return guessed;
  }

  private static String byTargetHeader(String plain, List<ImportTarget.Column> columns) {
    for (ImportTarget.Column c : columns) {
      if (c.headers().contains(plain) || plain(c.key()).equals(plain) || plain(c.label()).equals(plain)) {
        return c.key();
      }
    }
    return null;
  }

  private static String byHeader(String header, List<Field> fields) {
    String plain = plain(header);
    if (plain.isEmpty()) {
      return null;
    }
    String known = HEADERS.get(plain);
    if (known != null) {
      return known;
    }
    for (Field f : fields) {
      if (plain(f.key()).equals(plain) || plain(f.label()).equals(plain)) {
        return f.key();
      }
    }
    return null;
  }

  private static String byValues(int column, List<List<String>> samples, String region) {
    int phones = 0;
    int emails = 0;
    int values = 0;
    for (List<String> row : samples) {
      String value = column < row.size() ? row.get(column) : "";
      if (value == null || value.isBlank()) {
        continue;
      }
      values++;
      phones += Addresses.phone(value, region).isPresent() ? 1 : 0;
      emails += Addresses.email(value).isPresent() ? 1 : 0;
    }
    if (values == 0) {
      return null;
    }
    if (phones * 2 > values) {
      return "phone";
    }
    return emails * 2 > values ? "email" : null;
  }

  /** A first row that holds a phone number or an e-mail address is data, not headers. */
  static boolean looksLikeData(List<String> row, String region) {
    for (String cell : row) {
      if (cell != null && !cell.isBlank()
          && (Addresses.phone(cell, region).isPresent() || Addresses.email(cell).isPresent())) {
        return true;
      }
    }
    return false;
  }
}
