package io.herald.config;

import io.vertx.core.json.JsonObject;

/** Typed reads of one config section, with errors that name the full key. */
final class Keys {
  private final JsonObject json;
  private final String path;

  Keys(JsonObject json, String path) {
    this.json = json;
    this.path = path;
  }

  String name(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String text(String key) {
    Object value = json.getValue(key);
    if (!(value instanceof String s)) {
      throw new ConfigException("config key '" + name(key) + "' must be a string");
    }
    return s;
  }

  String nonEmpty(String key) {
    String value = text(key);
    if (value.isBlank()) {
      throw new ConfigException("config key '" + name(key) + "' must not be empty");
    }
    return value;
  }

  boolean bool(String key) {
    Object value = json.getValue(key);
    if (!(value instanceof Boolean b)) {
      throw new ConfigException("config key '" + name(key) + "' must be true or false");
    }
    return b;
  }

  long number(String key, long min, long max) {
    Object value = json.getValue(key);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ConfigException("config key '" + name(key) + "' must be a whole number");
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw new ConfigException(
          "config key '" + name(key) + "' must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  int port(String key) {
    return (int) number(key, 0, 65535);
  }

  Keys section(String key) {
    return new Keys(json.getJsonObject(key), path.isEmpty() ? key : path + "." + key);
  }
}
