package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.errors.Refusal;
import io.herald.ingest.ApiMessages;
import io.herald.messages.MessageViews;
import io.vertx.ext.web.Router;

/** Single messages: send one, look one up. */
public final class MessageRoutes implements Routes {
  private final ApiMessages apiMessages;
  private final MessageViews messages;

  public MessageRoutes(ApiMessages apiMessages, MessageViews messages) {
    this.apiMessages = apiMessages;
    this.messages = messages;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/messages").handler(Http.readBody()).handler(Http.safe(ctx -> apiMessages.send(Http.principal(ctx), Http.body(ctx))
        .onSuccess(result -> json(ctx, 202, result))
        .onFailure(ctx::fail)));
    router.get("/api/v1/messages/:id").handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "message");
      Long account = Http.principal(ctx).accountId();
      if (account == null) {
        throw Refusal.notFound("message");
      }
      messages.find(account, id)
          .onSuccess(found -> found.ifPresentOrElse(m -> json(ctx, 200, m), () -> ctx.fail(Refusal.notFound("message"))))
          .onFailure(ctx::fail);
    }));
  }
}
