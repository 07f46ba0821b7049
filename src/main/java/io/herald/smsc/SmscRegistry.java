package io.herald.smsc;

import io.herald.config.RouteConfig;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured SMSC connections and the route table that picks one for a message. A matching
 * route gives connections in failover order: the first one that is up carries the message (and
 * the message waits while that one's window is full); one that is down is skipped. Without a
 * matching route, every connection that is up shares the traffic in turn.
 */
public final class SmscRegistry {
  private final List<SmscConnection> connections;
  private final List<RouteConfig> routes;
  private final Map<String, SmscConnection> byName = new LinkedHashMap<>();
  private int next;

  public SmscRegistry(Vertx vertx, List<SmscConnection> connections, List<RouteConfig> routes) {
    this.connections = List.copyOf(connections);
    this.routes = List.copyOf(routes);
    connections.forEach(c -> byName.put(c.name(), c));
    SmscConnection.registerCodec(vertx);
  }

  public List<SmscConnection> all() {
    return connections;
  }

  public int freeWindow() {
    int free = 0;
    for (SmscConnection c : connections) {
      free += c.freeWindow();
    }
    return free;
  }

  /** The windows of the connections that can submit now: how much dispatch keeps claimed ahead. */
  public int totalWindow() {
    int total = 0;
    for (SmscConnection c : connections) {
      if (c.canSubmit()) {
        total += c.settings().window();
      }
    }
    return total;
  }

  /** The connection to carry this message now, or null when it has to wait. */
  public SmscConnection pick(long accountId, String sender, String destination) {
    for (RouteConfig route : routes) {
      if (route.matches(accountId, sender, destination)) {
        for (String name : route.smsc()) {
          SmscConnection c = byName.get(name);
          if (c.canSubmit()) {
            return c.freeWindow() > 0 ? c : null;
          }
        }
        return null;
      }
    }
    for (int i = 0; i < connections.size(); i++) {
      SmscConnection c = connections.get((next + i) % connections.size());
      if (c.freeWindow() > 0) {
        next = (next + i + 1) % connections.size();
        return c;
      }
    }
    return null;
  }

  /** This connection when it can take a submit now, else null (the sender's route waits for it). */
  public SmscConnection named(String name) {
    SmscConnection c = byName.get(name);
    return c != null && c.canSubmit() && c.freeWindow() > 0 ? c : null;
  }

  public Map<String, LinkState> links() {
    Map<String, LinkState> links = new LinkedHashMap<>();
    for (SmscConnection c : connections) {
      links.put(c.name(), c.link());
    }
    return links;
  }

  public List<io.vertx.core.json.JsonObject> snapshots() {
    List<io.vertx.core.json.JsonObject> list = new ArrayList<>();
    connections.forEach(c -> list.add(c.snapshot()));
    return list;
  }
}
