package io.herald.web;

import io.herald.accounts.Principal;
import io.herald.api.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading requests and writing JSON replies, and the role checks every route uses. */
public final class Http {
  private static final long MAX_BODY_BYTES = 1024 * 1024;

  private Http() {}

  /**
   * Reads a JSON body of up to 1 MiB; put it before handlers that call {@link #body}. Routes that
   * take large uploads stream the request themselves instead.
   */
  public static Handler<RoutingContext> readBody() {
    return io.vertx.ext.web.handler.BodyHandler.create().setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false);
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    String text = body instanceof JsonObject o ? o.encode()
        : body instanceof io.vertx.core.json.JsonArray a ? a.encode() : String.valueOf(body);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }

  public static Principal principal(RoutingContext ctx) {
    return BasicAuth.principal(ctx);
  }

  /** The request body as a JSON object, or an ApiException saying it is not one. */
  public static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw new ApiException(400, new JsonObject().put("error", "request body is not a JSON object"));
  }

  /** The path parameter as an id; a malformed one is simply not found. */
  public static long id(RoutingContext ctx, String name, String what) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiException.notFound(what);
    }
  }

  /** The caller's account; operators act on one through ?account=ID. */
  public static long account(RoutingContext ctx) {
    Principal p = principal(ctx);
    if (p.accountId() != null) {
      return p.accountId();
    }
    String given = ctx.request().getParam("account");
    if (given == null) {
      throw ApiException.badField("account", "operators name the account with ?account=ID", null);
    }
    try {
      return Long.parseLong(given);
    } catch (NumberFormatException e) {
      throw ApiException.badField("account", "account must be an id", given);
    }
  }

  public static Handler<RoutingContext> operators(Handler<RoutingContext> handler) {
    return ctx -> {
      if (!principal(ctx).isOperator()) {
        json(ctx, 403, new JsonObject().put("error", "only operators may do this"));
        return;
      }
      handler.handle(ctx);
    };
  }

  /** Account admins and operators. */
  public static Handler<RoutingContext> admins(Handler<RoutingContext> handler) {
    return ctx -> {
      var role = principal(ctx).role();
      if (role != io.herald.accounts.Role.ADMIN && role != io.herald.accounts.Role.OPERATOR) {
        json(ctx, 403, new JsonObject().put("error", "only account admins may do this"));
        return;
      }
      handler.handle(ctx);
    };
  }

  /** Runs a handler that may throw ApiException, sending it to the failure handler. */
  public static Handler<RoutingContext> safe(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiException e) {
        ctx.fail(e);
      }
    };
  }
}
