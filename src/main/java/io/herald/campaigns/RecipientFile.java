package io.herald.campaigns;

import io.herald.ingest.CsvRows;
import io.herald.ingest.PhoneNumbers;
import io.herald.ingest.Template;
import io.herald.ingest.TextFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a campaign's recipient list: column A the recipient's time zone (a TZ database name),
 * column B the phone number (country code required, + optional, 1-555-123-4567 style accepted),
 * column C the name, and any further named columns as values for the answer. The first row is a
 * header unless its first cell is already a time zone. Every row must have as many fields as the
 * first. Every problem is listed, so one pass over the error log fixes the file; the reasons are
 * the reference product's own ("Invalid Timezone", "Wrong Number of Fields", ...).
 * Runs on a worker thread.
 */
final class RecipientFile {
  static final String TOO_MANY = "Number of recipients exceeds the maximum number allowed";
  static final String BAD_ZONE = "Invalid Timezone";
  static final String WRONG_FIELDS = "Wrong Number of Fields";
  static final String BAD_PHONE = "Invalid Phone Number";
  static final String NO_NAME = "Missing Name";
  static final List<String> HEADER = List.of("timezone", "phone_number", "name");
  private static final int ERRORS_KEPT = 10_000;

  /** What the file came to: its rows when every one is good, else the errors (rows then stay empty). */
  record Reading(List<ListRow> rows, List<ListError> errors, String fileProblem) {
    boolean refused() {
      return fileProblem != null || !errors.isEmpty();
    }

    /** The reason the list shows: the file's problem, or the first row's, with how many more. */
    String reason() {
      if (fileProblem != null) {
        return fileProblem;
      }
      ListError first = errors.get(0);
      long others = errors.size() - 1;
      return first.reason() + " (row " + first.row() + ")" + (others == 0 ? "" : " and " + others + " more "
          + (others == 1 ? "error" : "errors") + ": see the error log");
    }
  }

  private RecipientFile() {}

  static Reading read(Path file, Template answer, int maxRecipients, String region) throws IOException {
    TextFacts facts = TextFacts.of(file);
    if (!facts.readable()) {
      return new Reading(List.of(), List.of(), "the file is not CSV UTF-8 or plain CSV: " + facts.problem());
    }
    List<ListRow> rows = new ArrayList<>();
    List<ListError> errors = new ArrayList<>();
    try (CsvRows csv = CsvRows.open(file, facts.textEncoding())) {
      List<String> columns = null;
      long recipients = 0;
      CsvRows.Record record;
      while ((record = csv.next()) != null) {
        if (record.blank()) {
          continue;
        }
        if (columns == null) {
          columns = columns(record.cells());
          String missing = missingPlaceholder(answer, columns);
          if (missing != null) {
            return new Reading(List.of(), List.of(new ListError(record.row(), missing, record.cells())), null);
          }
          if (columns.size() < 2) {
            errors.add(new ListError(record.row(), WRONG_FIELDS, record.cells()));
            break;
          }
          if (!isZone(record.cell(0))) {
            continue; // the header
          }
        }
        if (++recipients > maxRecipients) {
          return new Reading(List.of(), List.of(new ListError(record.row(), TOO_MANY + " (" + maxRecipients + ")",
              record.cells())), null);
        }
        ListRow row = row(record, columns, answer, region, errors);
        if (row != null && errors.isEmpty()) {
          rows.add(row);
        }
        if (errors.size() >= ERRORS_KEPT) {
          break;
        }
      }
      if (columns == null) {
        return new Reading(List.of(), List.of(), "the file has no recipients");
      }
      if (recipients == 0 && errors.isEmpty()) {
        return new Reading(List.of(), List.of(), "the file has a header row but no recipients");
      }
    } catch (CsvRows.CsvProblem e) {
      return new Reading(List.of(), List.of(), e.getMessage());
    }
    return errors.isEmpty() ? new Reading(rows, List.of(), null) : new Reading(List.of(), errors, null);
  }

  /** The columns' names, lower-case: the header's, or A, B, C's when the file starts with a recipient. */
  private static List<String> columns(List<String> first) {
    if (!first.isEmpty() && isZone(first.get(0))) {
      return first.size() <= 3 ? HEADER.subList(0, first.size()) : HEADER;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      names.add(i < 3 ? HEADER.get(i) : first.get(i).strip().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** Why the columns cannot fill the answer (a placeholder with no column and no fallback), or null; first_name is column C. */
  private static String missingPlaceholder(Template answer, List<String> columns) {
    for (String label : answer.labels()) {
      boolean filled = label.equals("first_name") ? columns.size() >= 3 : columns.subList(Math.min(3, columns.size()),
          columns.size()).contains(label);
      if (!filled && !hasFallback(answer, label)) {
        return "the answer uses ~" + label + "~ but the list has no " + (label.equals("first_name") ? "name column (C)"
            : "column named " + label);
      }
    }
    return null;
  }

  /** Whether the answer still renders with no value for label (it was written ~label|fallback~). */
  private static boolean hasFallback(Template answer, String label) {
    Map<String, String> others = new HashMap<>();
    answer.labels().forEach(l -> others.put(l, "x"));
    others.remove(label);
    try {
      answer.render(others);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static ListRow row(CsvRows.Record record, List<String> columns, Template answer, String region,
                             List<ListError> errors) {
    List<String> cells = record.cells();
    if (cells.size() != columns.size()) {
      errors.add(new ListError(record.row(), WRONG_FIELDS, cells));
      return null;
    }
    String zone = cells.get(0).strip();
    if (!isZone(zone)) {
      errors.add(new ListError(record.row(), BAD_ZONE, cells));
      return null;
    }
    String phone = cells.get(1).strip();
    String digits = phone.startsWith("+") ? phone : "+" + phone;
    String e164 = PhoneNumbers.toE164(digits, region).orElse(null);
    if (e164 == null) {
      errors.add(new ListError(record.row(), BAD_PHONE, cells));
      return null;
    }
    String name = columns.size() >= 3 ? cells.get(2).strip() : "";
    Map<String, String> vars = new HashMap<>();
    vars.put("first_name", name);
    for (int i = 3; i < columns.size(); i++) {
      vars.put(columns.get(i), cells.get(i).strip());
    }
    try {
      answer.render(vars);
    } catch (IllegalArgumentException e) {
      errors.add(new ListError(record.row(), answer.labels().contains("first_name") && name.isEmpty() ? NO_NAME
          : "Missing Value: " + e.getMessage(), cells));
      return null;
    }
    return new ListRow(record.row(), e164, ZoneId.of(zone).getId(), name, vars, cells);
  }

  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  /** A TZ database name (America/New_York, UTC); offsets like +02:00 are not where a person lives. */
  static boolean isZone(String value) {
    String v = value.strip();
    if (!ZONES.contains(v)) {
      return false;
    }
    try {
      ZoneId.of(v);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
