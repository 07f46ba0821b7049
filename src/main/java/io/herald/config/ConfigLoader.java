package io.herald.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the effective configuration: built-in defaults, then the config file, then {@code HERALD_*}
 * environment variables and {@code -Dherald.*} properties. Every key that can be set has a default,
 * so an override can name any of them, e.g. {@code HERALD_DB_URL} or {@code -Dherald.smsc.0.tps=50}.
 */
public final class ConfigLoader {
  private static final String DEFAULTS = "/io/herald/config/defaults.json";
  /** HERALD_* variables that scripts/run, scripts/test and scripts/bench read, not Herald. */
  private static final Set<String> SCRIPT_VARIABLES = Set.of("HERALD_JAVA_OPTS", "HERALD_TEST_DB_URL",
      "HERALD_BENCH_JFC", "HERALD_BENCH_JFR", "HERALD_BENCH_SERIES");

  private ConfigLoader() {}

  public static HeraldConfig load(Path file, Map<String, String> env, Properties props) {
    return HeraldConfig.from(effectiveJson(file, env, props));
  }

  static JsonObject effectiveJson(Path file, Map<String, String> env, Properties props) {
    JsonObject defaults = readDefaults();
    JsonObject fromFile = file == null ? new JsonObject() : readFile(file);
    JsonObject smscDefaults = defaults.getJsonObject("smscDefaults");
    rejectUnknownKeys(defaults, fromFile, "");
    JsonObject merged = merge(defaults.copy(), fromFile);
    JsonArray connections = new JsonArray();
    for (Object entry : merged.getJsonArray("smsc")) {
      connections.add(merge(smscDefaults.copy(), (JsonObject) entry));
    }
    merged.put("smsc", connections);
    merged.remove("smscDefaults");
    Set<String> known = new HashSet<>();
    applyOverrides(merged, "", env, props, known);
    rejectUnknownOverrides(known, env, props);
    return merged;
  }

  /**
   * A mistyped variable would otherwise be silently ignored and the default used, as a mistyped key
   * in the file would be. Variables the scripts read themselves are not config keys.
   */
  private static void rejectUnknownOverrides(Set<String> known, Map<String, String> env, Properties props) {
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith("HERALD_") && !SCRIPT_VARIABLES.contains(name)
          && known.stream().map(ConfigLoader::envName).noneMatch(name::equals)) {
        throw new ConfigException("unknown environment variable " + name + closest(name,
            known.stream().map(ConfigLoader::envName).toList()));
      }
    }
    for (String name : new TreeSet<>(props.stringPropertyNames())) {
      if (name.startsWith("herald.") && !known.contains(name.substring(7))) {
        throw new ConfigException("unknown system property -D" + name
            + closest(name, known.stream().map(k -> "herald." + k).toList()));
      }
    }
  }

  /** " (did you mean X?)" for the nearest known name, when one is near. */
  private static String closest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 4) ? " (did you mean " + best + "?)" : "";
  }

  /** Edit distance: insertions, deletions and substitutions. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static JsonObject readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("built-in defaults missing", e);
    }
  }

  private static JsonObject readFile(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException("config file " + file + " is not valid JSON: " + e.getMessage());
    }
  }

  /** A typo in a key would otherwise be silently ignored and the default used. */
  private static void rejectUnknownKeys(JsonObject known, JsonObject given, String path) {
    for (String key : given.fieldNames()) {
      String keyPath = path.isEmpty() ? key : path + "." + key;
      if (!known.containsKey(key) || key.equals("smscDefaults")) {
        throw new ConfigException("unknown config key '" + keyPath + "'");
      }
      Object knownValue = known.getValue(key);
      Object givenValue = given.getValue(key);
      if (knownValue instanceof JsonObject k) {
        if (!(givenValue instanceof JsonObject g)) {
          throw new ConfigException("config key '" + keyPath + "' must be an object");
        }
        rejectUnknownKeys(k, g, keyPath);
      } else if (key.equals("routes") && path.isEmpty()) {
        if (!(givenValue instanceof JsonArray)) {
          throw new ConfigException("config key 'routes' must be a list of routes");
        }
      } else if (key.equals("smsc") && path.isEmpty()) {
        if (!(givenValue instanceof JsonArray list)) {
          throw new ConfigException("config key 'smsc' must be a list of connections");
        }
        for (int i = 0; i < list.size(); i++) {
          if (!(list.getValue(i) instanceof JsonObject entry)) {
            throw new ConfigException("config key 'smsc." + i + "' must be an object");
          }
          rejectUnknownKeys(known.getJsonObject("smscDefaults"), entry, "smsc." + i);
        }
      }
    }
  }

  private static JsonObject merge(JsonObject base, JsonObject over) {
    for (String key : over.fieldNames()) {
      Object value = over.getValue(key);
      if (value instanceof JsonObject o && base.getValue(key) instanceof JsonObject b) {
        merge(b, o);
      } else {
        base.put(key, value);
      }
    }
    return base;
  }

  private static void applyOverrides(JsonObject node, String path, Map<String, String> env, Properties props,
                                     Set<String> known) {
    for (String key : node.fieldNames()) {
      String keyPath = path.isEmpty() ? key : path + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        applyOverrides(child, keyPath, env, props, known);
      } else if (value instanceof JsonArray list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.getValue(i) instanceof JsonObject child) {
            applyOverrides(child, keyPath + "." + i, env, props, known);
          }
        }
      } else {
        known.add(keyPath);
        String override = props.getProperty("herald." + keyPath, env.get(envName(keyPath)));
        if (override != null) {
          node.put(key, convert(keyPath, value, override));
        }
      }
    }
  }

  /** {@code db.poolSize} becomes {@code HERALD_DB_POOL_SIZE}. */
  static String envName(String keyPath) {
    StringBuilder name = new StringBuilder("HERALD");
    for (String segment : keyPath.split("\\.")) {
      name.append('_');
      for (char c : segment.toCharArray()) {
        if (Character.isUpperCase(c)) {
          name.append('_');
        }
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }

  private static Object convert(String keyPath, Object current, String text) {
    String where = "override of '" + keyPath + "' (" + envName(keyPath) + ")";
    try {
      if (current instanceof Boolean) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw new ConfigException(where + " must be true or false, got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
      }
      if (current instanceof Integer || current instanceof Long) {
        return Long.parseLong(text.trim());
      }
      if (current instanceof Number) {
        return Double.parseDouble(text.trim());
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(where + " must be a number, got '" + text + "'");
    }
    return text;
  }
}
