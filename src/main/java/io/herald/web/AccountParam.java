package io.herald.web;

import io.herald.accounts.AccountList;
import io.herald.errors.Refusal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Operators act on one account through {@code ?account=ID}: read and checked here once, after
 * authentication, so that a malformed id is a 400 and an unknown one a 404 on every route. Account
 * users always act on their own account; for them the parameter means nothing.
 */
final class AccountParam implements Handler<RoutingContext> {
  static final String CHECKED = "herald.account";
  private final AccountList accounts;

  AccountParam(AccountList accounts) {
    this.accounts = accounts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getParam("account");
    if (!Http.principal(ctx).isOperator() || given == null || given.isBlank()) {
      ctx.next();
      return;
    }
    long id;
    try {
      id = Http.idParam(ctx, "account");
    } catch (Refusal e) {
      ctx.fail(e);
      return;
    }
    ctx.request().pause();
    accounts.one(id).onComplete(ar -> {
      ctx.request().resume();
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        ctx.fail(Refusal.notFound("account " + id));
      } else {
        ctx.put(CHECKED, id);
        ctx.next();
      }
    });
  }
}
