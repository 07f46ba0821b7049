package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contact as a request gives it, checked and normalised. For an update, only what the request
 * names changes: {@code columns} maps a contacts column to its new value (null clears it),
 * {@code setFields} holds custom values to write and {@code clearFields} the custom keys to remove.
 */
record ContactInput(Map<String, Object> columns, JsonObject setFields, List<String> clearFields, List<Long> groups) {

  static ContactInput parse(JsonObject request, Map<String, Field> fields, String region) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Field field : Field.DEFAULTS) {
      if (!request.containsKey(field.key())) {
        continue;
      }
      Object raw = request.getValue(field.key());
      if (raw != null && !(raw instanceof String)) {
        throw Refusal.invalid(field.key(), field.key() + " must be a string", String.valueOf(raw));
      }
      String text = (String) raw;
      columns.put(field.column(), text == null || text.isBlank() ? null : value(field, text, field.key(), region));
    }
    JsonObject set = new JsonObject();
    List<String> clear = new ArrayList<>();
    Object custom = request.getValue("fields");
    if (custom != null) {
      if (!(custom instanceof JsonObject values)) {
        throw Refusal.invalid("fields", "fields must be an object of custom field values by key", String.valueOf(custom));
      }
      for (Map.Entry<String, Object> e : values) {
        Field field = fields.get(e.getKey());
        if (field == null || field.isDefault()) {
          throw Refusal.invalid("fields." + e.getKey(), "no custom field '" + e.getKey() + "'", e.getKey());
        }
        Object v = e.getValue();
        if (v == null || v.toString().isBlank()) {
          clear.add(field.key());
        } else if (v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray) {
          throw Refusal.invalid("fields." + field.key(), field.key() + " must be a single value", v.toString());
        } else {
          Object parsed = value(field, v instanceof BigDecimal b ? b.toPlainString() : v.toString(), "fields." + field.key(), region);
          set.put(field.key(), parsed);
        }
      }
    }
    List<Long> groups = request.containsKey("groups") ? Json.ids(request, "groups", "group") : null;
    return new ContactInput(columns, set, clear, groups);
  }

  /** The stored form of one non-blank value, or a 400 naming the field and the value. */
  static Object value(Field field, String text, String name, String region) {
    switch (field.type()) {
      case PHONE -> {
        return Addresses.phone(text, region).orElseThrow(() -> Refusal.invalid(name,
            "'" + text + "' is not a valid phone number", text));
      }
      case EMAIL -> {
        return Addresses.email(text).orElseThrow(() -> Refusal.invalid(name,
            "'" + text + "' is not a valid e-mail address", text));
      }
      default -> {
        try {
          return field.type().parse(text);
        } catch (IllegalArgumentException e) {
          throw Refusal.invalid(name, "'" + text + "' " + e.getMessage(), text);
        }
      }
    }
  }

  String phone() {
    return (String) columns.get("phone");
  }

  String email() {
    return (String) columns.get("email");
  }
}
