package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.smsc.simulator.SimulatorReplies;
import io.vertx.ext.web.Router;

/** The built-in SMSC simulator, for operators: whether it runs, and replies sent from it as if from a phone. */
public final class SimulatorRoutes implements Routes {
  private final SimulatorReplies replies;

  public SimulatorRoutes(SimulatorReplies replies) {
    this.replies = replies;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/simulator").handler(Http.safe(ctx -> json(ctx, 200, replies.status())));
    router.post("/api/v1/simulator/replies").handler(Http.readBody()).handler(Http.safe(ctx ->
        replies.send(Http.body(ctx))
            .onSuccess(sent -> json(ctx, 202, sent.toJson()))
            .onFailure(ctx::fail)));
  }
}
