package io.herald.web;

import static io.herald.web.ContactsRoutes.noContent;
import static io.herald.web.ContactsRoutes.reply;

import io.herald.accounts.UserAdmin;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Users and their roles: account admins for their account, operators for all. */
final class UserRoutes implements Routes {
  private final UserAdmin users;

  UserRoutes(UserAdmin users) {
    this.users = users;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/users").handler(Http.safe(ctx -> {
      Long filter = ctx.get(AccountParam.CHECKED);
      reply(ctx, 200, users.list(Http.principal(ctx), filter).map(list -> new JsonObject().put("users", list)));
    }));
    router.post("/api/v1/users").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 201, users.create(Http.principal(ctx), Http.body(ctx)))));
    router.get("/api/v1/users/:id").handler(Http.safe(ctx ->
        reply(ctx, 200, users.get(Http.principal(ctx), Http.id(ctx, "id", "user")))));
    router.put("/api/v1/users/:id").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 200, users.update(Http.principal(ctx), Http.id(ctx, "id", "user"), Http.body(ctx)))));
    router.delete("/api/v1/users/:id").handler(Http.safe(ctx ->
        noContent(ctx, users.delete(Http.principal(ctx), Http.id(ctx, "id", "user")))));
  }
}
