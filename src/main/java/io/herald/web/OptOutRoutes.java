package io.herald.web;

import static io.herald.web.ContactsRoutes.reply;

import io.herald.contacts.OptOuts;
import io.herald.contacts.Paging;
import io.vertx.ext.web.Router;

/** Opt-outs (suppressions): list, add one, paste a list, take one back, history. */
final class OptOutRoutes implements Routes {
  private final OptOuts optOuts;

  OptOutRoutes(OptOuts optOuts) {
    this.optOuts = optOuts;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/opt-outs").handler(Http.safe(ctx -> reply(ctx, 200, optOuts.list(Http.account(ctx),
        ctx.request().getParam("q"), Paging.of(ctx.request().getParam("page"), ctx.request().getParam("pageSize"))))));
    router.post("/api/v1/opt-outs").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 201,
        optOuts.optOut(Http.account(ctx), Http.principal(ctx).email(), Http.body(ctx)))));
    router.post("/api/v1/opt-outs/import").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        optOuts.importList(Http.account(ctx), Http.principal(ctx).email(), Http.body(ctx)))));
    router.get("/api/v1/opt-outs/:address/history").handler(Http.safe(ctx -> reply(ctx, 200,
        optOuts.history(Http.account(ctx), ctx.pathParam("address")))));
    router.delete("/api/v1/opt-outs/:address").handler(Http.safe(ctx -> reply(ctx, 200,
        optOuts.lift(Http.account(ctx), Http.principal(ctx).email(), ctx.pathParam("address"),
            ctx.request().getParam("reason")))));
  }
}
