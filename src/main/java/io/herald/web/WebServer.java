package io.herald.web;

import io.herald.accounts.Authenticator;
import io.herald.api.ApiException;
import io.herald.config.HeraldConfig.HttpConfig;
import io.herald.ingest.ApiMessages;
import io.herald.messages.MessageStore;
import io.herald.smsc.LinkState;
import io.herald.smsc.SmscRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP: /health, /metrics and the JSON API. Routes and permissions only; capabilities do the work. */
public final class WebServer extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  private static final long MAX_BODY_BYTES = 1024 * 1024;

  private final HttpConfig config;
  private final Pool pool;
  private final SmscRegistry smscs;
  private final PrometheusMeterRegistry registry;
  private final Authenticator authenticator;
  private final ApiMessages apiMessages;
  private final MessageStore messages;
  private HttpServer server;

  public WebServer(HttpConfig config, Pool pool, SmscRegistry smscs, PrometheusMeterRegistry registry,
                   Authenticator authenticator, ApiMessages apiMessages, MessageStore messages) {
    this.config = config;
    this.pool = pool;
    this.smscs = smscs;
    this.registry = registry;
    this.authenticator = authenticator;
    this.apiMessages = apiMessages;
    this.messages = messages;
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));

    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    router.route("/api/*").handler(new BasicAuth(authenticator));
    router.post("/api/v1/messages").handler(this::sendMessage);
    router.get("/api/v1/messages/:id").handler(this::getMessage);
    router.get("/api/v1/smsc").handler(operatorsOnly(ctx -> json(ctx, 200,
        new JsonObject().put("connections", new io.vertx.core.json.JsonArray(smscs.snapshots())))));
    router.get("/api/v1/receipts/unmatched").handler(operatorsOnly(ctx -> messages.heldReceipts(500)
        .onSuccess(list -> json(ctx, 200, new JsonObject().put("receipts", list)))
        .onFailure(ctx::fail)));
    router.route("/api/*").last().handler(ctx -> json(ctx, 404, new JsonObject().put("error", "no such API route")));
    router.route().failureHandler(this::failure);

    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Routes only operators may call; everyone else gets 403. */
  private static io.vertx.core.Handler<RoutingContext> operatorsOnly(io.vertx.core.Handler<RoutingContext> handler) {
    return ctx -> {
      if (!BasicAuth.principal(ctx).isOperator()) {
        json(ctx, 403, new JsonObject().put("error", "only operators may do this"));
        return;
      }
      handler.handle(ctx);
    };
  }

  private void health(RoutingContext ctx) {
    pool.query("SELECT 1").execute().map(rows -> true).otherwise(false)
        .onComplete(ar -> {
          boolean dbUp = ar.result();
          JsonObject links = new JsonObject();
          boolean allBound = true;
          for (Map.Entry<String, LinkState> e : smscs.links().entrySet()) {
            LinkState link = e.getValue();
            links.put(e.getKey(), link.bound() ? LinkState.BOUND
                : link.state() + (link.lastError() == null ? "" : ": " + link.lastError()));
            allBound &= link.bound();
          }
          boolean up = dbUp && allBound;
          json(ctx, up ? 200 : 503, new JsonObject()
              .put("status", up ? "up" : "down")
              .put("db", dbUp ? "up" : "down")
              .put("smsc", links));
        });
  }

  private void sendMessage(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      json(ctx, 400, new JsonObject().put("error", "request body is not a JSON object"));
      return;
    }
    if (body == null) {
      json(ctx, 400, new JsonObject().put("error", "request body is not a JSON object"));
      return;
    }
    apiMessages.send(BasicAuth.principal(ctx), body)
        .onSuccess(result -> json(ctx, 202, result))
        .onFailure(ctx::fail);
  }

  private void getMessage(RoutingContext ctx) {
    Long accountId = BasicAuth.principal(ctx).accountId();
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      json(ctx, 404, new JsonObject().put("error", "message not found"));
      return;
    }
    if (accountId == null) {
      json(ctx, 404, new JsonObject().put("error", "message not found"));
      return;
    }
    messages.find(accountId, id)
        .onSuccess(found -> found.ifPresentOrElse(m -> json(ctx, 200, m),
            () -> json(ctx, 404, new JsonObject().put("error", "message not found"))))
        .onFailure(ctx::fail);
  }

  private void failure(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    if (cause instanceof ApiException api) {
      json(ctx, api.status(), api.body());
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status >= 500) {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
    }
    json(ctx, status, new JsonObject().put("error", status == 413 ? "request body too large"
        : status >= 500 ? "internal error" : "bad request"));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
