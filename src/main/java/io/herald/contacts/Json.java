package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reading request fields with errors that name the field and the value. */
final class Json {
  private Json() {}

  static String text(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Refusal.invalid(field, field + " must be a string", String.valueOf(value));
    }
    return (String) value;
  }

  static Long id(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw Refusal.invalid(field, field + " must be an id", String.valueOf(value));
  }

  /** A list of ids of one kind of thing (what: "contact", "group"), for the error that names it. */
  static List<Long> ids(JsonObject request, String field, String what) {
    Object value = request.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw Refusal.invalid(field, field + " must be a list of " + what + " ids",
          value == null ? null : String.valueOf(value));
    }
    List<Long> ids = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof Number n) || n.doubleValue() != n.longValue()) {
        throw Refusal.invalid(field, field + " must be a list of " + what + " ids", String.valueOf(o));
      }
      ids.add(n.longValue());
    }
    return ids;
  }

  static List<String> texts(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw Refusal.invalid(field, field + " must be a list of strings",
          value == null ? null : String.valueOf(value));
    }
    List<String> list = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String s)) {
        throw Refusal.invalid(field, field + " must be a list of strings", String.valueOf(o));
      }
      list.add(s);
    }
    return list;
  }
}
