package io.herald.web;

import io.herald.accounts.SessionStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Session cookie authentication for API calls from the admin UI. Requests that change state must
 * echo the session's CSRF token in {@value #CSRF_HEADER}: a cross-site page can make the browser
 * send the cookie, but cannot read the token.
 */
final class SessionAuth implements Handler<RoutingContext> {
  static final String COOKIE = "herald_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION = "herald.session";

  private final SessionStore sessions;

  SessionAuth(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.request().pause();
    var cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().isEmpty()) {
      deny(ctx, 401, "authentication required");
      return;
    }
    sessions.touch(cookie.getValue()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        deny(ctx, 401, "your session has ended; log in again");
      } else if (changesState(ctx.request().method()) && !sameToken(ctx.request().getHeader(CSRF_HEADER), ar.result().get().csrfToken())) {
        deny(ctx, 403, "missing or wrong CSRF token");
      } else {
        ctx.put(BasicAuth.PRINCIPAL, ar.result().get().principal());
        ctx.put(SESSION, ar.result().get());
        ctx.request().resume();
        ctx.next();
      }
    });
  }

  static boolean changesState(HttpMethod method) {
    return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
  }

  private static boolean sameToken(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  static void deny(RoutingContext ctx, int status, String why) {
    Http.json(ctx, status, new JsonObject().put("error", why));
  }
}
