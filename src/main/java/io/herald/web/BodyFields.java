package io.herald.web;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/** Reading a JSON body's fields by type, each wrong one refused naming the field and the value. */
final class BodyFields {
  private BodyFields() {}

  /** Refuses a field the thing does not have, listing those it has. */
  static void only(JsonObject body, Set<String> fields, String thing) {
    for (String key : body.fieldNames()) {
      if (!fields.contains(key)) {
        throw Refusal.invalid(key, "unknown field " + key + " (" + thing + " has " + String.join(", ",
            new TreeSet<>(fields)) + ")", null);
      }
    }
  }

  static String text(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw Refusal.invalid(key, key + " must be text", String.valueOf(v));
  }

  static Boolean flag(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw Refusal.invalid(key, key + " must be true or false", String.valueOf(v));
  }

  /** A number, or null when absent or null; what it means is the caller's to say. */
  static Double number(JsonObject body, String key, String meaning) {
    Object v = body.getValue(key);
    if (v == null || v instanceof Number) {
      return v == null ? null : ((Number) v).doubleValue();
    }
    throw Refusal.invalid(key, key + " must be " + meaning, String.valueOf(v));
  }

  /** Whether the body names the field with null: "remove it". */
  static boolean cleared(JsonObject body, String key) {
    return body.containsKey(key) && body.getValue(key) == null;
  }
}
