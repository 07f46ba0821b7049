package io.herald.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Finds the first text in a JSON value that holds a NUL character, which PostgreSQL cannot store. */
final class NulText {
  private NulText() {}

  /** The path of the first such value or key ("name", "vars.x", "groups[2]"), or null. */
  static String find(Object value, String path) {
    if (value instanceof String s) {
      return s.indexOf('\u0000') >= 0 ? (path.isEmpty() ? "body" : path) : null;
    }
    if (value instanceof JsonObject o) {
      for (String key : o.fieldNames()) {
        String at = (path.isEmpty() ? key : path + "." + key).replace("\u0000", "\\u0000");
        String found = key.indexOf('\u0000') >= 0 ? at : find(o.getValue(key), at);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        String found = find(a.getValue(i), (path.isEmpty() ? "body" : path) + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
