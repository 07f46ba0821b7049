package io.herald.drop;

import io.herald.contacts.ImportTarget;
import io.herald.errors.Refusal;
import io.herald.ingest.Template;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a drop profile as the API takes it. Everything that can be checked without the
 * database is checked here, so that a mistake (a placeholder no column fills, a header name in a
 * file without headers) is refused when the profile is saved, not found when a file is dropped.
 */
final class ProfileInput {
  static final Set<String> FIELDS = Set.of("name", "username", "password", "enabled", "hasHeader", "mobileColumn",
      "phoneColumns", "keywordColumn", "messageColumn", "template", "fields", "sendAtColumn", "sendAtFormat", "timeZone",
      "timeZoneColumn", "conversationLock", "from", "lane", "purpose", "appointmentColumns");
  /** Shown by GET but not settable; a client that sends back what it read is not refused for them. */
  static final Set<String> READ_ONLY = Set.of("id", "ftp", "createdAt", "updatedAt");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
  private static final int MAX_PHONE_COLUMNS = 10;
  private static final int MAX_FIELDS = 50;
  static final int MIN_PASSWORD = 8;

  private ProfileInput() {}

  /** Rejects fields the API does not know, so that a typo does not silently keep a default. */
  static void knownFields(JsonObject request) {
    for (String key : request.fieldNames()) {
      if (!FIELDS.contains(key) && !READ_ONLY.contains(key)) {
        throw Refusal.invalid(key, "unknown field " + key, null);
      }
    }
  }

  /** The password to set, or null when none is given. */
  static String password(JsonObject request) {
    Object value = request.getValue("password");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.length() < MIN_PASSWORD || s.length() > 200) {
      throw Refusal.invalid("password", "password must be " + MIN_PASSWORD + " to 200 characters", null);
    }
    return s;
  }

  /**
   * The settings of a whole profile (for an update: the stored profile with the request laid over
   * it); appointments says which columns a file of appointments has.
   */
  static ProfileSettings settings(JsonObject json, ImportTarget appointments) {
    knownFields(json);
    String purpose = string(json, "purpose");
    purpose = purpose == null || purpose.isBlank() ? ProfileSettings.SEND : purpose.strip();
    if (!purpose.equals(ProfileSettings.SEND) && !purpose.equals(ProfileSettings.APPOINTMENTS)) {
      throw Refusal.invalid("purpose", "purpose must be send (each row is a text) or appointments (each row is an"
          + " appointment, nothing is sent)", purpose);
    }
    String username = string(json, "username");
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw Refusal.invalid("username", "username must be 3 to 64 letters, digits, dots, dashes or underscores,"
          + " starting with a letter or digit", username);
    }
    if (username.equalsIgnoreCase("anonymous") || username.equalsIgnoreCase("ftp")) {
      throw Refusal.invalid("username", "username " + username + " is reserved for anonymous FTP", username);
    }
    String name = string(json, "name");
    if (name == null || name.isBlank()) {
      name = username;
    }
    if (name.length() > 100) {
      throw Refusal.invalid("name", "name must be at most 100 characters", null);
    }
    boolean hasHeader = bool(json, "hasHeader", true);
    ColumnRef mobile = ColumnRef.fromJson(json.getValue("mobileColumn"), "mobileColumn", hasHeader);
    if (mobile == null) {
      throw Refusal.invalid("mobileColumn", "mobileColumn is required: the column with each recipient's mobile"
          + " number (its position, 1 for the first column, or its header)", null);
    }
    List<ColumnRef> phones = new ArrayList<>();
    JsonArray phoneList = array(json, "phoneColumns");
    if (phoneList.size() > MAX_PHONE_COLUMNS) {
      throw Refusal.invalid("phoneColumns", "at most " + MAX_PHONE_COLUMNS + " further phone columns", null);
    }
    for (int i = 0; i < phoneList.size(); i++) {
      phones.add(ColumnRef.fromJson(phoneList.getValue(i), "phoneColumns." + i, hasHeader));
    }
    List<CustomField> fields = fields(array(json, "fields"), hasHeader);
    ColumnRef keyword = ColumnRef.fromJson(json.getValue("keywordColumn"), "keywordColumn", hasHeader);
    ColumnRef message = ColumnRef.fromJson(json.getValue("messageColumn"), "messageColumn", hasHeader);
    String templateText = string(json, "template");
    if (templateText != null && templateText.isBlank()) {
      templateText = null;
    }
    if (templateText != null) {
      checkTemplate(templateText, fields);
    }
    Map<String, ColumnRef> appointmentColumns = appointmentColumns(json.getValue("appointmentColumns"), hasHeader,
        appointments);
    boolean loads = purpose.equals(ProfileSettings.APPOINTMENTS);
    if (loads) {
      if (templateText != null || keyword != null || message != null || !fields.isEmpty()) {
        throw Refusal.invalid("purpose", "a profile that loads appointments sends nothing: leave template,"
            + " messageColumn, keywordColumn and fields out", purpose);
      }
      Set<String> assigned = new LinkedHashSet<>(appointmentColumns.keySet());
      assigned.add("phone");
      String missing = appointments.missing(assigned);
      if (missing != null) {
        throw Refusal.invalid("appointmentColumns", missing.replace("assign a column to", "appointmentColumns needs"),
            null);
      }
    } else if (!appointmentColumns.isEmpty()) {
      throw Refusal.invalid("appointmentColumns", "appointmentColumns are for a profile whose purpose is appointments",
          null);
    }
    if (!loads && templateText == null && keyword == null && message == null) {
      throw Refusal.invalid("template", "give a template, a messageColumn or a keywordColumn: each text has to"
          + " come from one of them", null);
    }
    ColumnRef sendAt = ColumnRef.fromJson(json.getValue("sendAtColumn"), "sendAtColumn", hasHeader);
    String sendAtFormat = string(json, "sendAtFormat");
    sendAtFormat = sendAtFormat == null || sendAtFormat.isBlank() ? ProfileSettings.DEFAULT_SEND_AT_FORMAT : sendAtFormat;
    SendTimes.formatter(sendAtFormat); // fails with the reason when the pattern cannot be used
    String zone = string(json, "timeZone");
    if (zone != null && zone.isBlank()) {
      zone = null;
    }
    if (zone != null) {
      try {
        zone = ZoneId.of(zone.strip()).getId();
      } catch (DateTimeException e) {
        throw Refusal.invalid("timeZone", "timeZone must be an IANA time zone like America/New_York", zone);
      }
    }
    ColumnRef zoneColumn = ColumnRef.fromJson(json.getValue("timeZoneColumn"), "timeZoneColumn", hasHeader);
    String lane = string(json, "lane");
    if (lane != null && !lane.equals("bulk")) {
      throw Refusal.invalid("lane", "drop files are sent in the bulk lane", lane);
    }
    String from = string(json, "from");
    return new ProfileSettings(name.strip(), username, bool(json, "enabled", true), hasHeader,
        new ProfileColumns(mobile, List.copyOf(phones), keyword, message, sendAt, zoneColumn, fields, appointmentColumns),
        templateText, sendAtFormat, zone, bool(json, "conversationLock", false),
        from == null || from.isBlank() ? null : from.strip(), purpose);
  }

  /** {"externalId": "Appt ID", "date": 5, ...}: an appointment's column key to its column; the phone is mobileColumn. */
  private static Map<String, ColumnRef> appointmentColumns(Object value, boolean hasHeader, ImportTarget appointments) {
    Map<String, ColumnRef> columns = new LinkedHashMap<>();
    if (value == null) {
      return columns;
    }
    if (!(value instanceof JsonObject o)) {
      throw Refusal.invalid("appointmentColumns", "appointmentColumns is an object like {\"externalId\": \"Appt ID\","
          + " \"date\": \"Date\", \"time\": \"Time\"}", String.valueOf(value));
    }
    List<String> keys = appointments.columns().stream().map(ImportTarget.Column::key).filter(k -> !k.equals("phone"))
        .toList();
    for (String key : o.fieldNames()) {
      if (!keys.contains(key)) {
        throw Refusal.invalid("appointmentColumns." + key, "no appointment column " + key + " (the client's phone is"
            + " mobileColumn; the others are " + String.join(", ", keys) + ")", key);
      }
      ColumnRef ref = ColumnRef.fromJson(o.getValue(key), "appointmentColumns." + key, hasHeader);
      if (ref != null) {
        columns.put(key, ref);
      }
    }
    return columns;
  }

  private static List<CustomField> fields(JsonArray list, boolean hasHeader) {
    if (list.size() > MAX_FIELDS) {
      throw Refusal.invalid("fields", "at most " + MAX_FIELDS + " custom fields", null);
    }
    List<CustomField> fields = new ArrayList<>();
    Set<String> labels = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "fields." + i;
      if (!(list.getValue(i) instanceof JsonObject o)) {
        throw Refusal.invalid(where, "a custom field is an object like {\"column\": 3, \"label\": \"appt_date\"}", null);
      }
      for (String key : o.fieldNames()) {
        if (!Set.of("column", "label", "contactField").contains(key)) {
          throw Refusal.invalid(where + "." + key, "unknown field " + key + " (a custom field has column, label"
              + " and contactField)", null);
        }
      }
      ColumnRef column = ColumnRef.fromJson(o.getValue("column"), where + ".column", hasHeader);
      if (column == null) {
        throw Refusal.invalid(where + ".column", "a custom field needs its column", null);
      }
      String label = string(o, "label", where + ".label");
      if (label == null || !LABEL.matcher(label).matches()) {
        throw Refusal.invalid(where + ".label", "a label is a letter then up to 39 letters, digits or _,"
            + " as written in ~label~ placeholders", label);
      }
      if (!labels.add(label.toLowerCase(Locale.ROOT))) {
        throw Refusal.invalid(where + ".label", "label " + label + " is used twice", label);
      }
      String contactField = string(o, "contactField", where + ".contactField");
      fields.add(new CustomField(column, label, contactField == null || contactField.isBlank() ? null : contactField.strip()));
    }
    return List.copyOf(fields);
  }

  /** Every placeholder must be a custom field's label: an unknown one would fail every row later. */
  static void checkTemplate(String text, List<CustomField> fields) {
    Template template;
    try {
      template = Template.parse(text);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("template", e.getMessage(), text);
    }
    Set<String> known = new LinkedHashSet<>();
    fields.forEach(f -> known.add(f.label().toLowerCase(Locale.ROOT)));
    for (String label : template.labels()) {
      if (!known.contains(label)) {
        throw Refusal.invalid("template", "template uses ~" + label + "~, which is not the label of a custom field"
            + (known.isEmpty() ? " (the profile has no custom fields)" : " (labels: " + String.join(", ", labelsOf(fields)) + ")"),
            text);
      }
    }
  }

  private static List<String> labelsOf(List<CustomField> fields) {
    return fields.stream().map(CustomField::label).toList();
  }

  private static String string(JsonObject json, String key) {
    return string(json, key, key);
  }

  private static String string(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw Refusal.invalid(field, field + " must be a string", String.valueOf(value));
    }
    return (String) value;
  }

  private static boolean bool(JsonObject json, String key, boolean fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw Refusal.invalid(key, key + " must be true or false", String.valueOf(value));
    }
    return b;
  }

  private static JsonArray array(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray a)) {
      throw Refusal.invalid(key, key + " must be a list", null);
    }
    return a;
  }

  /** A sample time a format must be able to write and read back. */
  static final LocalDateTime SAMPLE = LocalDateTime.of(2026, 3, 14, 9, 30);
}
