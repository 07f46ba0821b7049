package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.AccountList;
import io.herald.accounts.Authenticator;
import io.herald.accounts.SessionStore;
import io.herald.accounts.UserAdmin;
import io.herald.config.HeraldConfig.HttpConfig;
import io.herald.dashboard.DashboardStats;
import io.herald.errors.Refusal;
import io.herald.smsc.LinkState;
import io.herald.smsc.SmscRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP: /health, /metrics, the JSON API (whose routes come from each capability's {@link Routes}),
 * log-in sessions and the admin UI's static pages.
 */
public final class WebServer extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  /** Values PostgreSQL cannot store, by SQLSTATE: whatever route let one through, the caller hears why. */
  private static final Map<String, String> UNSTORABLE = Map.of(
      "22021", "text must not contain the NUL character (U+0000)",
      "22P05", "text must not contain the NUL character (U+0000)",
      "22008", "a date or time is out of range",
      "22003", "a number is out of range");

  private final HttpConfig config;
  private final Pool pool;
  private final SmscRegistry smscs;
  private final PrometheusMeterRegistry registry;
  private final java.util.function.Supplier<JsonObject> mail;
  private final Authenticator authenticator;
  private final List<Routes> routes;
  private HttpServer server;

  /** mail: the mail link for /health, null while mail is off. */
  public WebServer(HttpConfig config, Pool pool, SmscRegistry smscs, PrometheusMeterRegistry registry,
                   java.util.function.Supplier<JsonObject> mail, Authenticator authenticator, List<Routes> routes) {
    this.mail = mail;
    this.config = config;
    this.pool = pool;
    this.smscs = smscs;
    this.registry = registry;
    this.authenticator = authenticator;
    this.routes = List.copyOf(routes);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(WebServer::securityHeaders);
    router.route().handler(new ClientAddress(config.trustedProxies()));
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));

    SessionStore sessions = new SessionStore(pool);
    AccountList accounts = new AccountList(pool);
    SameOrigin sameOrigin = new SameOrigin();
    router.route("/auth/*").handler(sameOrigin);
    router.route("/api/*").handler(sameOrigin);
    new LoginRoutes(authenticator, sessions, accounts).mount(router);
    new OpenApiRoutes().mount(router); // the API's OpenAPI document and Swagger UI's files: no credentials
    router.route("/api/*").handler(new ApiAuth(new BasicAuth(authenticator, new io.herald.accounts.ApiKeys(pool)),
        new SessionAuth(sessions)));
    RouteRoles roles = new RouteRoles(RouteRoles.RULES);
    router.route("/api/*").handler(roles);
    router.route("/api/*").handler(new AccountParam(accounts));
    routes.forEach(r -> r.mount(router));
    new UserRoutes(new UserAdmin(vertx, pool)).mount(router);
    new DashboardRoutes(new DashboardStats(pool, registry)).mount(router);
    roles.check(router);
    router.route("/api/*").last().handler(ctx -> json(ctx, 404, new JsonObject().put("error", "no such API route")));
    // The admin UI: plain files from the jar; every page asks /auth/session who is logged in.
    router.route("/*").last().handler(StaticHandler.create("webroot").setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
    router.route().failureHandler(this::failure);

    // no cleartext HTTP/2 upgrade: browsers and curl speak HTTP/1.1 here (HTTP/2 ends at the TLS
    // proxy), and an h2c upgrade passed on by a proxy would carry requests past the proxy's rules
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Pages run only their own scripts and are never framed by another site. */
  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin");
    ctx.next();
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
              .put("smsc", links)
              .put("mail", mail.get() == null ? "off" : mail.get()));
        });
  }

  private void failure(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    if (cause instanceof Refusal api && api.is(Refusal.Kind.LIMIT)) {
      // the rest of an oversized body is not read: answer, then close rather than drain it
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
            .end(Refusals.body(api).encode()).onComplete(v -> ctx.request().connection().close());
      }
      return;
    }
    if (cause instanceof Refusal refusal) {
      json(ctx, Refusals.status(refusal), Refusals.body(refusal));
      return;
    }
    if (cause instanceof HttpError http) {
      json(ctx, http.status(), http.body());
      return;
    }
    if (cause instanceof PgException pg && UNSTORABLE.containsKey(pg.getSqlState())) {
      json(ctx, 400, new JsonObject().put("error", UNSTORABLE.get(pg.getSqlState())));
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status >= 500) {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
    }
    json(ctx, status, new JsonObject().put("error", status == 413 ? "request body too large"
        : status >= 500 ? "internal error" : "bad request"));
  }
}
