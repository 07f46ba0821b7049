package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.SenderChange;
import io.herald.accounts.SenderSettings;
import io.herald.accounts.Senders;
import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;

/** The account's senders: account admins manage their own, operators every account's (with ?account=). */
public final class SenderRoutes implements Routes {
  private static final Set<String> FIELDS = Set.of("address", "takesReplies", "tps", "smsc", "default", "shared");
  private final Senders senders;

  public SenderRoutes(Senders senders) {
    this.senders = senders;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/senders").handler(Http.safe(ctx -> senders.list(Http.account(ctx))
        .onSuccess(list -> {
          JsonArray all = new JsonArray();
          list.forEach(s -> all.add(view(s)));
          json(ctx, 200, new JsonObject().put("senders", all));
        })
        .onFailure(ctx::fail)));
    router.post("/api/v1/senders").handler(Http.readBody()).handler(Http.safe(ctx ->
        senders.create(Http.account(ctx), change(Http.body(ctx)), operator(ctx))
            .onSuccess(s -> json(ctx, 201, view(s)))
            .onFailure(ctx::fail)));
    router.patch("/api/v1/senders/:id").handler(Http.readBody()).handler(Http.safe(ctx ->
        senders.change(Http.account(ctx), Http.id(ctx, "id", "sender"), change(Http.body(ctx)), operator(ctx))
            .onSuccess(s -> json(ctx, 200, view(s)))
            .onFailure(ctx::fail)));
    router.delete("/api/v1/senders/:id").handler(Http.safe(ctx ->
        senders.delete(Http.account(ctx), Http.id(ctx, "id", "sender"))
            .onSuccess(v -> ctx.response().setStatusCode(204).end())
            .onFailure(ctx::fail)));
  }

  private static boolean operator(RoutingContext ctx) {
    return Http.principal(ctx).isOperator();
  }

  private static SenderChange change(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!FIELDS.contains(key)) {
        throw Refusal.invalid(key, "unknown field " + key + " (a sender has " + String.join(", ", new TreeSet<>(FIELDS))
            + ")", null);
      }
    }
    Object tps = body.getValue("tps");
    if (tps != null && !(tps instanceof Number)) {
      throw Refusal.invalid("tps", "tps must be a number of messages per second, or null", String.valueOf(tps));
    }
    return new SenderChange(text(body, "address"), flag(body, "takesReplies"),
        tps == null ? null : ((Number) tps).doubleValue(), body.containsKey("tps") && tps == null,
        text(body, "smsc"), body.containsKey("smsc") && body.getValue("smsc") == null, flag(body, "default"),
        flag(body, "shared"));
  }

  private static String text(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw Refusal.invalid(key, key + " must be text", String.valueOf(v));
  }

  private static Boolean flag(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw Refusal.invalid(key, key + " must be true or false", String.valueOf(v));
  }

  static JsonObject view(SenderSettings s) {
    return new JsonObject().put("id", s.id()).put("address", s.address()).put("kind", s.kind().dbName())
        .put("takesReplies", s.takesReplies()).put("tps", s.tps()).put("smsc", s.smsc()).put("default", s.isDefault())
        .put("shared", s.shared()).put("createdAt", s.createdAt().toString());
  }
}
