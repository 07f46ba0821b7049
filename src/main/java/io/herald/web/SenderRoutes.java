package io.herald.web;

import static io.herald.web.BodyFields.cleared;
import static io.herald.web.BodyFields.flag;
import static io.herald.web.BodyFields.number;
import static io.herald.web.BodyFields.text;
import static io.herald.web.Http.json;

import io.herald.accounts.SenderChange;
import io.herald.accounts.SenderSettings;
import io.herald.accounts.Senders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** The account's senders: account admins manage their own, operators every account's (with ?account=). */
public final class SenderRoutes implements Routes {
  private static final Set<String> FIELDS = Set.of("address", "takesReplies", "tps", "smsc", "default", "shared");
  private final Senders senders;

  public SenderRoutes(Senders senders) {
    this.senders = senders;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/senders").handler(Http.safe(ctx ->
        Http.listed(ctx, "senders", senders.list(Http.account(ctx)), SenderRoutes::view)));
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
    BodyFields.only(body, FIELDS, "a sender");
    return new SenderChange(text(body, "address"), flag(body, "takesReplies"),
        number(body, "tps", "a number of messages per second, or null"), cleared(body, "tps"),
        text(body, "smsc"), cleared(body, "smsc"), flag(body, "default"), flag(body, "shared"));
  }

  static JsonObject view(SenderSettings s) {
    return new JsonObject().put("id", s.id()).put("address", s.address()).put("kind", s.kind().dbName())
        .put("takesReplies", s.takesReplies()).put("tps", s.tps()).put("smsc", s.smsc()).put("default", s.isDefault())
        .put("shared", s.shared()).put("createdAt", s.createdAt().toString());
  }
}
