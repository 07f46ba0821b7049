package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.Principal;
import io.herald.errors.Refusal;
import io.herald.accounts.AccountStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Accounts as operators steer them: for now, turning Drop &amp; Go on and off. */
public final class AccountRoutes implements Routes {
  private final AccountStore accounts;

  public AccountRoutes(AccountStore accounts) {
    this.accounts = accounts;
  }

  @Override
  public void mount(Router router) {
    // an operator, or a user of that very account
    router.get("/api/v1/accounts/:id").handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "account");
      Principal p = Http.principal(ctx);
      if (!p.isOperator() && (p.accountId() == null || p.accountId() != id)) {
        throw Refusal.notFound("account");
      }
      accounts.dropView(id)
          .onSuccess(a -> a.ifPresentOrElse(account -> json(ctx, 200, account), () -> ctx.fail(Refusal.notFound("account"))))
          .onFailure(ctx::fail);
    }));
    router.patch("/api/v1/accounts/:id").handler(Http.readBody()).handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "account");
      JsonObject body = Http.body(ctx);
      for (String key : body.fieldNames()) {
        if (!key.equals("dropAndGo")) {
          throw Refusal.invalid(key, "unknown field " + key + " (an account's dropAndGo can be changed)", null);
        }
      }
      if (!(body.getValue("dropAndGo") instanceof Boolean on)) {
        throw Refusal.invalid("dropAndGo", "dropAndGo must be true or false", String.valueOf(body.getValue("dropAndGo")));
      }
      accounts.setDropEnabled(id, on)
          .onSuccess(a -> a.ifPresentOrElse(account -> json(ctx, 200, account), () -> ctx.fail(Refusal.notFound("account"))))
          .onFailure(ctx::fail);
    }));
  }
}
