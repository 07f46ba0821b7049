package io.herald.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** API callers authenticate with HTTP Basic or an API key; the admin UI with its session cookie. */
final class ApiAuth implements Handler<RoutingContext> {
  private final BasicAuth basic;
  private final SessionAuth session;

  ApiAuth(BasicAuth basic, SessionAuth session) {
    this.basic = basic;
    this.session = session;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") != null) {
      basic.handle(ctx);
    } else {
      session.handle(ctx);
    }
  }
}
