package io.herald.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The client's address, for the log-in throttle: the socket's peer, or, when that peer is one of
 * {@code http.trustedProxies}, the last address in X-Forwarded-For that is not a trusted proxy.
 * A client's own X-Forwarded-For is never believed: only what a trusted proxy appended counts.
 */
final class ClientAddress implements Handler<RoutingContext> {
  private static final String KEY = "herald.client";
  private static final int MAX_LENGTH = 64;
  private final Set<String> trusted;

  ClientAddress(Set<String> trusted) {
    this.trusted = trusted;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    ctx.put(KEY, trusted.contains(peer) ? forwardedFor(ctx, peer) : peer);
    ctx.next();
  }

  /** The address ClientAddress found, or the socket's peer where it did not run. */
  static String of(RoutingContext ctx) {
    String found = ctx.get(KEY);
    if (found != null) {
      return found;
    }
    return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
  }

  private String forwardedFor(RoutingContext ctx, String peer) {
    String client = peer;
    var headers = ctx.request().headers().getAll("X-Forwarded-For");
    // right to left: each trusted proxy appends the address it was reached from
    for (int h = headers.size() - 1; h >= 0; h--) {
      String[] hops = headers.get(h).split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].strip();
        if (hop.isEmpty()) {
          continue;
        }
        hop = hop.length() > MAX_LENGTH ? hop.substring(0, MAX_LENGTH) : hop; // a key of the throttle, kept short
        client = hop;
        if (!trusted.contains(hop)) {
          return hop;
        }
      }
    }
    return client;
  }
}
