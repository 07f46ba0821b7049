package io.herald.web;

import static io.herald.web.BodyFields.text;
import static io.herald.web.Http.json;

import io.herald.accounts.ApiKey;
import io.herald.accounts.ApiKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Set;

/** Account admins' API keys (operators: any account's, with ?account=): made, listed, revoked. */
public final class ApiKeyRoutes implements Routes {
  private final ApiKeys keys;

  public ApiKeyRoutes(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/api-keys").handler(Http.safe(ctx ->
        Http.listed(ctx, "keys", keys.list(Http.account(ctx)), ApiKeyRoutes::view)));
    router.post("/api/v1/api-keys").handler(Http.readBody()).handler(Http.safe(ctx -> {
      JsonObject body = Http.body(ctx);
      BodyFields.only(body, Set.of("name", "role"), "a key");
      String role = text(body, "role");
      keys.create(Http.account(ctx), text(body, "name"), role == null ? "user" : role, Http.principal(ctx))
          .onSuccess(made -> json(ctx, 201, view(made.key()).put("key", made.secret())))
          .onFailure(ctx::fail);
    }));
    router.delete("/api/v1/api-keys/:id").handler(Http.safe(ctx ->
        keys.revoke(Http.account(ctx), Http.id(ctx, "id", "API key"))
            .onSuccess(k -> json(ctx, 200, view(k)))
            .onFailure(ctx::fail)));
  }

  static JsonObject view(ApiKey k) {
    return new JsonObject().put("id", k.id()).put("name", k.name()).put("role", k.role().dbName())
        .put("prefix", k.prefix()).put("createdBy", k.createdBy()).put("createdAt", k.createdAt().toString())
        .put("lastUsedAt", k.lastUsedAt() == null ? null : k.lastUsedAt().toString())
        .put("revoked", k.revoked()).put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
  }
}
