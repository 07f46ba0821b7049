package io.herald.web;

import static io.herald.web.ContactsRoutes.reply;

import io.herald.dashboard.DashboardStats;
import io.vertx.ext.web.Router;

/** The dashboard's numbers for the caller's account; operators also get the whole queue. */
final class DashboardRoutes implements Routes {
  private final DashboardStats stats;

  DashboardRoutes(DashboardStats stats) {
    this.stats = stats;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/dashboard").handler(Http.safe(ctx -> reply(ctx, 200, stats.account(Http.account(ctx))
        .map(body -> Http.principal(ctx).isOperator() ? body.put("systemQueueDepth", stats.systemQueueDepth()) : body))));
  }
}
