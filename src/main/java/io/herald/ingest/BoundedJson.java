package io.herald.ingest;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEvent;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one JSON value from a parser's events, and refuses it the moment it passes a limit: how
 * deep it nests, how many entries an object or list holds at each depth, how long a text is.
 * Nothing past the limit is kept, so a request that is mostly one huge object costs no memory.
 * Limits are named by their config keys in the 400 that refuses them.
 */
final class BoundedJson {
  /** Limits for one value: entries[d] bounds an object or list at depth d + 1, named by keys[d]. */
  record Limits(int[] entries, String[] keys, int maxText, String textKey) {}

  private final String path;
  private final Limits limits;
  private final Deque<Object> open = new ArrayDeque<>();
  private final Deque<String> names = new ArrayDeque<>();
  private Object value;

  BoundedJson(String path, Limits limits) {
    this.path = path;
    this.limits = limits;
  }

  /** Takes the next event; true once the value is whole. The first event is the value's own start (or the value). */
  boolean handle(JsonEvent event) {
    switch (event.type()) {
      case START_OBJECT, START_ARRAY -> {
        String at = place(event.fieldName());
        if (open.size() >= limits.entries().length) {
          throw refused(at, at + " nests deeper than " + limits.entries().length + " levels", null);
        }
        Object container = event.type() == io.vertx.core.parsetools.JsonEventType.START_OBJECT
            ? new JsonObject() : new JsonArray();
        add(event.fieldName(), container, at);
        open.push(container);
        names.push(at);
        return false;
      }
      case END_OBJECT, END_ARRAY -> {
        open.pop();
        names.pop();
        return open.isEmpty();
      }
      default -> {
        String at = place(event.fieldName());
        Object v = event.value();
        if (v instanceof String s) {
          text(at, s);
        }
        add(event.fieldName(), v, at);
        return open.isEmpty();
      }
    }
  }

  Object value() {
    return value;
  }

  private String place(String field) {
    if (open.isEmpty()) {
      return path;
    }
    return open.peek() instanceof JsonArray a ? names.peek() + "[" + a.size() + "]" : names.peek() + "." + field;
  }

  private void add(String field, Object v, String at) {
    if (open.isEmpty()) {
      value = v;
      return;
    }
    int depth = open.size() - 1;
    Object parent = open.peek();
    int size = parent instanceof JsonObject o ? o.size() : ((JsonArray) parent).size();
    if (size >= limits.entries()[depth]) {
      throw refused(names.peek(), names.peek() + " has more than " + limits.entries()[depth] + " entries", limits.keys()[depth]);
    }
    if (parent instanceof JsonObject o) {
      text(at, field);
      o.put(field, v);
    } else {
      ((JsonArray) parent).add(v);
    }
  }

  private void text(String at, String s) {
    if (s.length() > limits.maxText()) {
      throw refused(at, at + " is longer than " + limits.maxText() + " characters", limits.textKey());
    }
    if (s.indexOf('\u0000') >= 0) {
      throw refused(at, at + " must not contain the NUL character (U+0000)", null);
    }
  }

  private static Refusal refused(String field, String error, String key) {
    Refusal e = Refusal.invalid(field, key == null ? error : error + " (" + key + ")", null);
    return key == null ? e : e.with("limit", key);
  }
}
