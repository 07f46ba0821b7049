package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.broadcasts.BroadcastService;
import io.herald.broadcasts.Broadcasts;
import io.herald.broadcasts.SmsLibrary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The SMS library and broadcasts: draft, count, prepare, confirm; approve or reject; the account's rules. */
public final class BroadcastRoutes implements Routes {
  private final SmsLibrary library;
  private final Broadcasts broadcasts;

  public BroadcastRoutes(BroadcastService service) {
    this.library = service.library();
    this.broadcasts = service.broadcasts();
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/sms").handler(Http.safe(ctx -> reply(ctx, 200, library.list(Http.account(ctx)))));
    router.post("/api/v1/sms").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 201, library.create(Http.account(ctx), Http.principal(ctx).email(), Http.body(ctx)))));
    router.get("/api/v1/sms/:id").handler(Http.safe(ctx -> reply(ctx, 200, library.get(Http.account(ctx), sms(ctx)))));
    router.put("/api/v1/sms/:id").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 200, library.update(Http.account(ctx), sms(ctx), Http.body(ctx)))));
    router.delete("/api/v1/sms/:id").handler(Http.safe(ctx -> library.delete(Http.account(ctx), sms(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail)));

    router.get("/api/v1/broadcasts/settings").handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.settings(Http.account(ctx)))));
    router.put("/api/v1/broadcasts/settings").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.saveSettings(Http.account(ctx), Http.body(ctx)))));
    router.get("/api/v1/broadcasts").handler(Http.safe(ctx -> reply(ctx, 200, broadcasts.list(Http.account(ctx)))));
    router.post("/api/v1/broadcasts").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 201, broadcasts.create(Http.account(ctx), Http.principal(ctx).email(), Http.body(ctx)))));
    router.get("/api/v1/broadcasts/:id").handler(Http.safe(ctx -> reply(ctx, 200, broadcasts.get(Http.account(ctx), id(ctx)))));
    router.put("/api/v1/broadcasts/:id").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        broadcasts.update(Http.account(ctx), id(ctx), Http.principal(ctx).email(), Http.body(ctx)))));
    router.post("/api/v1/broadcasts/:id/count").handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.count(Http.account(ctx), id(ctx)))));
    router.post("/api/v1/broadcasts/:id/prepare").handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.prepare(Http.account(ctx), id(ctx)))));
    router.post("/api/v1/broadcasts/:id/confirm").handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.confirm(Http.account(ctx), id(ctx), Http.principal(ctx).email()))));
    router.post("/api/v1/broadcasts/:id/approve").handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.approve(Http.account(ctx), id(ctx), Http.principal(ctx).email()))));
    router.post("/api/v1/broadcasts/:id/reject").handler(Http.readBody()).handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.reject(Http.account(ctx), id(ctx), Http.principal(ctx).email(), Http.body(ctx)))));
    router.post("/api/v1/broadcasts/:id/cancel").handler(Http.safe(ctx ->
        reply(ctx, 200, broadcasts.cancel(Http.account(ctx), id(ctx), Http.principal(ctx).email()))));
  }

  private static long id(RoutingContext ctx) {
    return Http.id(ctx, "id", "broadcast");
  }

  private static long sms(RoutingContext ctx) {
    return Http.id(ctx, "id", "message");
  }

  private static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
    answer.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }
}
