package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.AccountList;
import io.herald.accounts.Authenticator;
import io.herald.accounts.Principal;
import io.herald.accounts.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Log in, log out, and who is logged in (with the CSRF token the UI sends back on changes). */
final class LoginRoutes {
  private final Authenticator authenticator;
  private final SessionStore sessions;
  private final AccountList accounts;

  LoginRoutes(Authenticator authenticator, SessionStore sessions, AccountList accounts) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.accounts = accounts;
  }

  void mount(Router router) {
    router.post("/auth/login").handler(Http.readBody()).handler(Http.safe(this::login));
    SessionAuth session = new SessionAuth(sessions);
    router.post("/auth/logout").handler(session).handler(this::logout);
    router.get("/auth/session").handler(session).handler(ctx -> me(ctx, BasicAuth.principal(ctx),
        ctx.<SessionStore.Session>get(SessionAuth.SESSION).csrfToken()));
  }

  private void login(RoutingContext ctx) {
    // A JSON body can't come from a cross-site HTML form, so nobody can be logged in behind their back.
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      json(ctx, 415, new JsonObject().put("error", "send the e-mail and password as JSON"));
      return;
    }
    JsonObject body = Http.body(ctx);
    String email = body.getValue("email") instanceof String s ? s.strip() : "";
    String password = body.getValue("password") instanceof String s ? s : "";
    if (email.isEmpty() || password.isEmpty()) {
      json(ctx, 400, new JsonObject().put("error", "enter your e-mail and password"));
      return;
    }
    authenticator.logIn(email, password, BasicAuth.address(ctx)).compose(outcome -> {
      if (outcome instanceof Authenticator.Locked locked) {
        BasicAuth.tooMany(ctx, locked.standing());
        return Future.succeededFuture();
      }
      if (outcome instanceof Authenticator.Disabled) {
        json(ctx, 403, new JsonObject().put("error", BasicAuth.DISABLED));
        return Future.succeededFuture();
      }
      if (!(outcome instanceof Authenticator.Accepted accepted)) {
        json(ctx, 401, new JsonObject().put("error", "wrong e-mail or password"));
        return Future.succeededFuture();
      }
      return sessions.open(accepted.principal()).onSuccess(opened -> {
        ctx.response().addCookie(cookie(ctx, opened.token()));
        me(ctx, accepted.principal(), opened.session().csrfToken());
      });
    }).onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    sessions.close(ctx.request().getCookie(SessionAuth.COOKIE).getValue()).onComplete(ar -> {
      ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
      ctx.response().setStatusCode(204).end();
    });
  }

  /** The logged-in user, their account (operators: every account) and the CSRF token. */
  private void me(RoutingContext ctx, Principal p, String csrf) {
    JsonObject me = new JsonObject().put("email", p.email()).put("role", p.role().dbName()).put("csrf", csrf);
    Future<?> extra = p.isOperator()
        ? accounts.all().onSuccess(list -> me.put("accounts", list))
        : accounts.one(p.accountId()).onSuccess(a -> me.put("account", a));
    extra.onSuccess(v -> json(ctx, 200, me)).onFailure(ctx::fail);
  }

  private static Cookie cookie(RoutingContext ctx, String value) {
    boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    return Cookie.cookie(SessionAuth.COOKIE, value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(tls);
  }
}
