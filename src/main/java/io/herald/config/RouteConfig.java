package io.herald.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of the route table: which SMSC connections, in failover order, carry the messages that
 * match every criterion given (sender address, account id, destination prefix). Absent criteria
 * match anything. The first matching line wins; no match means every connection in config order.
 */
public record RouteConfig(String sender, Long account, String prefix, List<String> smsc) {
  private static final Set<String> KEYS = Set.of("sender", "account", "prefix", "smsc");

  public boolean matches(long accountId, String senderAddress, String destination) {
    return (sender == null || sender.equals(senderAddress))
        && (account == null || account == accountId)
        && (prefix == null || destination.startsWith(prefix));
  }

  static List<RouteConfig> from(JsonArray routes, Set<String> connections) {
    List<RouteConfig> list = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      String path = "routes." + i;
      if (!(routes.getValue(i) instanceof JsonObject route)) {
        throw new ConfigException("config key '" + path + "' must be an object");
      }
      for (String key : route.fieldNames()) {
        if (!KEYS.contains(key)) {
          throw new ConfigException("unknown config key '" + path + "." + key + "'");
        }
      }
      Object via = route.getValue("smsc");
      if (!(via instanceof JsonArray names) || names.isEmpty()) {
        throw new ConfigException("config key '" + path + ".smsc' must list one or more connection names");
      }
      List<String> smsc = new ArrayList<>();
      for (Object name : names) {
        if (!(name instanceof String n) || !connections.contains(n)) {
          throw new ConfigException("config key '" + path + ".smsc' names '" + name + "', which is not a configured connection");
        }
        smsc.add(n);
      }
      Object account = route.getValue("account");
      if (account != null && !(account instanceof Number)) {
        throw new ConfigException("config key '" + path + ".account' must be an account id");
      }
      list.add(new RouteConfig(text(route, path, "sender"), account == null ? null : ((Number) account).longValue(),
          text(route, path, "prefix"), List.copyOf(smsc)));
    }
    return List.copyOf(list);
  }

  private static String text(JsonObject route, String path, String key) {
    Object value = route.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw new ConfigException("config key '" + path + "." + key + "' must be a string");
    }
    return (String) value;
  }
}
