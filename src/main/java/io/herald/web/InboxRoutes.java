package io.herald.web;

import static io.herald.web.BodyFields.text;
import static io.herald.web.Http.json;

import io.herald.inbox.Conversation;
import io.herald.inbox.ConversationRouter;
import io.herald.inbox.Conversations;
import io.herald.inbox.ThreadEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Set;

/** The inbox: an account's conversations, each thread, staff replies, close, reopen and read. */
public final class InboxRoutes implements Routes {
  private static final long KEEP_ALIVE_MILLIS = 20_000;
  private final Conversations conversations;

  public InboxRoutes(Conversations conversations) {
    this.conversations = conversations;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/conversations").handler(Http.safe(ctx -> {
      long account = Http.account(ctx);
      int limit = (int) Http.longParam(ctx, "limit", 100, 1, 500);
      conversations.list(account, ctx.request().getParam("sender"), ctx.request().getParam("state"),
              ctx.request().getParam("q"), limit)
          .compose(list -> conversations.unread(account).map(unread -> {
            JsonArray all = new JsonArray();
            list.forEach(c -> all.add(view(c)));
            return new JsonObject().put("conversations", all).put("unread", unread);
          }))
          .onSuccess(body -> json(ctx, 200, body))
          .onFailure(ctx::fail);
    }));
    router.get("/api/v1/replies/unrouted").handler(Http.safe(ctx -> conversations
        .unrouted((int) Http.longParam(ctx, "limit", 100, 1, 500))
        .onSuccess(list -> {
          JsonArray all = new JsonArray();
          list.forEach(u -> all.add(new JsonObject().put("id", u.id()).put("smsc", u.smsc()).put("from", u.from())
              .put("to", u.to()).put("text", u.text()).put("receivedAt", iso(u.receivedAt()))));
          json(ctx, 200, new JsonObject().put("replies", all));
        })
        .onFailure(ctx::fail)));
    // before /:id, which would take "events" for an id
    router.get("/api/v1/conversations/events").handler(Http.safe(this::events));
    router.get("/api/v1/conversations/:id").handler(Http.safe(ctx ->
        conversations.one(Http.account(ctx), Http.id(ctx, "id", "conversation"))
            .compose(c -> conversations.thread(c).map(thread -> {
              JsonArray messages = new JsonArray();
              thread.forEach(t -> messages.add(view(t)));
              return view(c).put("messages", messages);
            }))
            .onSuccess(body -> json(ctx, 200, body))
            .onFailure(ctx::fail)));
    router.post("/api/v1/conversations/:id/messages").handler(Http.readBody()).handler(Http.safe(ctx -> {
      JsonObject body = Http.body(ctx);
      BodyFields.only(body, Set.of("text"), "a reply");
      conversations.reply(Http.account(ctx), Http.id(ctx, "id", "conversation"), text(body, "text"), Http.principal(ctx))
          .onSuccess(t -> json(ctx, 202, view(t)))
          .onFailure(ctx::fail);
    }));
    router.post("/api/v1/conversations/:id/close").handler(Http.safe(ctx -> conversations
        .setState(Http.account(ctx), Http.id(ctx, "id", "conversation"), "closed")
        .onSuccess(c -> json(ctx, 200, view(c))).onFailure(ctx::fail)));
    router.post("/api/v1/conversations/:id/reopen").handler(Http.safe(ctx -> conversations
        .setState(Http.account(ctx), Http.id(ctx, "id", "conversation"), "active")
        .onSuccess(c -> json(ctx, 200, view(c))).onFailure(ctx::fail)));
    router.post("/api/v1/conversations/:id/read").handler(Http.safe(ctx -> conversations
        .read(Http.account(ctx), Http.id(ctx, "id", "conversation"))
        .onSuccess(c -> json(ctx, 200, view(c))).onFailure(ctx::fail)));
  }

  /**
   * Server-sent events: a line {"conversationId"} each time a reply joins one of the account's
   * conversations, so the inbox page updates without a reload; a comment every 20 s keeps proxies
   * from closing the stream.
   */
  private void events(io.vertx.ext.web.RoutingContext ctx) {
    long account = Http.account(ctx);
    var response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    var bus = ctx.vertx().eventBus().<JsonObject>localConsumer(ConversationRouter.CHANGED, m -> {
      if (m.body().getLong("accountId") == account && !response.ended()) {
        response.write("event: conversation\ndata: " + new JsonObject()
            .put("conversationId", m.body().getLong("conversationId")).encode() + "\n\n");
      }
    });
    long keepAlive = ctx.vertx().setPeriodic(KEEP_ALIVE_MILLIS, id -> {
      if (!response.ended()) {
        response.write(": still here\n\n");
      }
    });
    response.closeHandler(v -> {
      bus.unregister();
      ctx.vertx().cancelTimer(keepAlive);
    });
  }

  static JsonObject view(Conversation c) {
    return new JsonObject().put("id", c.id()).put("sender", c.sender()).put("phone", c.phone()).put("name", c.name())
        .put("state", c.state()).put("unread", c.unread()).put("lastText", c.lastText())
        .put("lastMessageAt", iso(c.lastMessageAt())).put("createdAt", iso(c.createdAt()))
        .put("closedAt", iso(c.closedAt())).put("optedOut", c.optedOut());
  }

  static JsonObject view(ThreadEntry t) {
    return new JsonObject().put("direction", t.direction()).put("id", t.id()).put("text", t.text())
        .put("at", iso(t.at())).put("source", t.source()).put("state", t.state()).put("by", t.by());
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
