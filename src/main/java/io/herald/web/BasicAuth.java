package io.herald.web;

import io.herald.accounts.ApiKeys;
import io.herald.accounts.Authenticator;
import io.herald.accounts.LoginThrottle;
import io.herald.accounts.Principal;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The API's Authorization header: HTTP Basic (a user's e-mail and password) or {@code Bearer} with
 * an account's API key; puts the {@link Principal} on the context.
 * Authentication is asynchronous, so the request is paused until it is done: its body is read only
 * for callers who may send one.
 */
final class BasicAuth implements Handler<RoutingContext> {
  static final String PRINCIPAL = "herald.principal";
  private final Authenticator authenticator;
  private final ApiKeys keys;

  BasicAuth(Authenticator authenticator, ApiKeys keys) {
    this.authenticator = authenticator;
    this.keys = keys;
  }

  static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.request().pause();
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      bearer(ctx, header.substring(7).trim());
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      deny(ctx, "authentication required");
      return;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      deny(ctx, "malformed Authorization header");
      return;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      deny(ctx, "malformed Authorization header");
      return;
    }
    authenticator.logIn(decoded.substring(0, colon), decoded.substring(colon + 1), address(ctx)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() instanceof Authenticator.Accepted accepted) {
        ctx.put(PRINCIPAL, accepted.principal());
        ctx.request().resume();
        ctx.next();
      } else if (ar.result() instanceof Authenticator.Locked locked) {
        tooMany(ctx, locked.standing());
      } else if (ar.result() instanceof Authenticator.Disabled) {
        Http.json(ctx, 403, new io.vertx.core.json.JsonObject().put("error", DISABLED));
      } else {
        deny(ctx, "wrong e-mail or password");
      }
    });
  }

  static final String DISABLED = "this account is disabled: ask your Herald operator";

  private void bearer(RoutingContext ctx, String key) {
    keys.authenticate(key).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isPresent()) {
        ctx.put(PRINCIPAL, ar.result().get());
        ctx.request().resume();
        ctx.next();
      } else {
        deny(ctx, "unknown or revoked API key");
      }
    });
  }

  static String address(RoutingContext ctx) {
    return ClientAddress.of(ctx);
  }

  /** 429 with Retry-After: the throttle refused the attempt before any password was checked. */
  static void tooMany(RoutingContext ctx, LoginThrottle.Standing standing) {
    ctx.response().putHeader("Retry-After", String.valueOf(standing.lockedSeconds()));
    Http.json(ctx, 429, new JsonObject().put("error", standing.reason() + "; " + standing.retryIn()));
  }

  /**
   * 401 without a WWW-Authenticate challenge: a challenge would make a browser ask for a password
   * and then send it on every request, cross-site ones included. API clients send Basic up front.
   */
  static void deny(RoutingContext ctx, String why) {
    Http.json(ctx, 401, new JsonObject().put("error", why));
  }
}
