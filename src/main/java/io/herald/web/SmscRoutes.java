package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.messages.MessageViews;
import io.herald.smsc.SmscRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Operators' view of the SMSC connections and the receipts that matched nothing. */
public final class SmscRoutes implements Routes {
  private final SmscRegistry smscs;
  private final MessageViews messages;

  public SmscRoutes(SmscRegistry smscs, MessageViews messages) {
    this.smscs = smscs;
    this.messages = messages;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/smsc").handler(ctx ->
        json(ctx, 200, new JsonObject().put("connections", new JsonArray(smscs.snapshots()))));
    router.get("/api/v1/receipts/unmatched").handler(ctx -> messages.heldReceipts(500)
        .onSuccess(list -> json(ctx, 200, new JsonObject().put("receipts", list)))
        .onFailure(ctx::fail));
  }
}
