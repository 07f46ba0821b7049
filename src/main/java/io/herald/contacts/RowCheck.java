package io.herald.contacts;

import io.herald.contacts.files.FileProblem;
import io.herald.contacts.files.RawRow;
import io.herald.contacts.files.TableReader;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an import's rows in chunks and checks each against the column mapping: values of the
 * assigned fields must be valid, a row needs a phone or an e-mail, and a phone or e-mail already on
 * an earlier row of the file makes the later row a duplicate (the first one wins). Blocking and
 * stateful: used by one worker task at a time.
 */
final class RowCheck {
  record Chunk(List<ImportRow> rows, List<RejectedRow> rejects, boolean last) {}

  private final TableReader reader;
  private final boolean skipHeader;
  private final List<String> headers;
  private final Field[] mapping;
  private final String region;
  private final Map<String, Integer> phones = new HashMap<>();
  private final Map<String, Integer> emails = new HashMap<>();
  private boolean started;

  /** mapping: the field of each column, null for ignored columns. */
  RowCheck(TableReader reader, boolean skipHeader, List<String> headers, Field[] mapping, String region) {
    this.reader = reader;
    this.skipHeader = skipHeader;
    this.headers = headers;
    this.mapping = mapping;
    this.region = region;
  }

  Chunk next(int size) throws FileProblem {
    if (!started) {
      started = true;
      if (skipHeader) {
        ImportInspection.nextNonBlank(reader);
      }
    }
    List<ImportRow> rows = new ArrayList<>();
    List<RejectedRow> rejects = new ArrayList<>();
    while (rows.size() + rejects.size() < size) {
      RawRow raw = ImportInspection.nextNonBlank(reader);
      if (raw == null) {
        return new Chunk(rows, rejects, true);
      }
      Object checked = check(raw);
      if (checked instanceof ImportRow row) {
        rows.add(row);
      } else {
        rejects.add((RejectedRow) checked);
      }
    }
    return new Chunk(rows, rejects, false);
  }

  String column(int index) {
    return "column '" + headers.get(index) + "'";
  }

  /** The header of the column assigned to a field, for messages about that field. */
  String columnOf(String fieldKey) {
    for (int i = 0; i < mapping.length; i++) {
      if (mapping[i] != null && mapping[i].key().equals(fieldKey)) {
        return headers.get(i);
      }
    }
    return null;
  }

  private Object check(RawRow raw) {
    String phone = null;
    String email = null;
    Map<String, String> columns = new LinkedHashMap<>();
    JsonObject fields = new JsonObject();
    for (int i = 0; i < mapping.length; i++) {
      Field field = mapping[i];
      if (field == null) {
        continue;
      }
      String problem = raw.problems().get(i);
      String text = raw.cell(i).strip();
      if (problem != null) {
        return new RejectedRow(raw.line(), raw.cells(), headers.get(i), text, column(i) + ": " + problem);
      }
      if (text.isEmpty()) {
        continue;
      }
      Object value;
      switch (field.type()) {
        case PHONE -> value = Addresses.phone(text, region).orElse(null);
        case EMAIL -> value = Addresses.email(text).orElse(null);
        default -> {
          try {
            value = field.type().parse(text);
          } catch (IllegalArgumentException e) {
            return new RejectedRow(raw.line(), raw.cells(), headers.get(i), text,
                column(i) + ": '" + text + "' " + e.getMessage());
          }
        }
      }
      if (value == null) {
        return new RejectedRow(raw.line(), raw.cells(), headers.get(i), text, column(i) + ": '" + text + "' "
            + (field.type() == FieldType.PHONE ? "is not a valid phone number" : "is not a valid e-mail address"));
      }
      if (field.type() == FieldType.PHONE && field.isDefault()) {
        phone = (String) value;
      } else if (field.type() == FieldType.EMAIL) {
        email = (String) value;
      } else if (field.isDefault()) {
        columns.put(field.column(), value.toString());
      } else {
        fields.put(field.key(), value);
      }
    }
    if (phone == null && email == null) {
      return new RejectedRow(raw.line(), raw.cells(), null, null,
          "no phone number or e-mail address: a contact needs at least one");
    }
    Integer earlier = phone == null ? null : phones.get(phone);
    if (earlier != null) {
      String header = columnOf("phone");
      return new RejectedRow(raw.line(), raw.cells(), header, phone, "column '" + header + "': phone number "
          + phone + " is also on row " + earlier + ", which was imported instead");
    }
    earlier = email == null ? null : emails.get(email);
    if (earlier != null) {
      String header = columnOf("email");
      return new RejectedRow(raw.line(), raw.cells(), header, email, "column '" + header + "': e-mail address "
          + email + " is also on row " + earlier + ", which was imported instead");
    }
    if (phone != null) {
      phones.put(phone, raw.line());
    }
    if (email != null) {
      emails.put(email, raw.line());
    }
    return new ImportRow(raw.line(), raw.cells(), phone, email, columns, fields);
  }
}
