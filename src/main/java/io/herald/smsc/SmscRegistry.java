package io.herald.smsc;

import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured SMSC connections, in configuration order, and how each stands. */
public final class SmscRegistry {
  private final List<SmscConnection> connections;
  private int next;

  public SmscRegistry(Vertx vertx, List<SmscConnection> connections) {
    this.connections = List.copyOf(connections);
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

  /** A bound connection with room in its window, taking turns between them; null when none has room. */
  public SmscConnection pick() {
    for (int i = 0; i < connections.size(); i++) {
      SmscConnection c = connections.get((next + i) % connections.size());
      if (c.freeWindow() > 0) {
        next = (next + i + 1) % connections.size();
        return c;
      }
    }
    return null;
  }

  public Map<String, LinkState> links() {
    Map<String, LinkState> links = new LinkedHashMap<>();
    for (SmscConnection c : connections) {
      links.put(c.name(), c.link());
    }
    return links;
  }
}
