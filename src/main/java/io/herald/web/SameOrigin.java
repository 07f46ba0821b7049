package io.herald.web;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses requests that change state when a browser says they come from another site: a page
 * elsewhere may make the browser send a request to Herald, and the browser says where it came
 * from (Sec-Fetch-Site, Origin). Clients that are not browsers send neither and pass.
 */
final class SameOrigin implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    if (!SessionAuth.changesState(ctx.request().method()) || sameOrigin(ctx)) {
      ctx.next();
      return;
    }
    Http.json(ctx, 403, new JsonObject().put("error", "cross-origin request refused: the admin UI and API take changes"
        + " only from pages Herald itself serves"));
  }

  private static boolean sameOrigin(RoutingContext ctx) {
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      return false;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String forwarded = ctx.request().getHeader("X-Forwarded-Host");
    var authority = ctx.request().authority(); // the Host header, or HTTP/2's :authority
    String host = forwarded != null ? forwarded.split(",", 2)[0].strip()
        : authority == null ? null : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null || host == null) {
        return false; // "Origin: null" comes from sandboxed frames and file: pages
      }
      String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return originHost.toLowerCase(Locale.ROOT).equals(withoutDefaultPort(host.toLowerCase(Locale.ROOT), uri.getScheme()))
          || originHost.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** "example.org:443" as an https origin gives it: "example.org". */
  private static String withoutDefaultPort(String host, String scheme) {
    if (("https".equals(scheme) && host.endsWith(":443")) || ("http".equals(scheme) && host.endsWith(":80"))) {
      return host.substring(0, host.lastIndexOf(':'));
    }
    return host;
  }
}
