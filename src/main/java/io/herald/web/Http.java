package io.herald.web;

import io.herald.accounts.Principal;
import io.herald.errors.Refusal;
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

  /**
   * The request body as a JSON object, or a refusal saying why not. JSON is taken only as
   * application/json: a cross-site form can send text/plain, but not that without the browser
   * asking first. Text with NUL characters is refused here, naming the field, since PostgreSQL
   * cannot store it.
   */
  public static JsonObject body(RoutingContext ctx) {
    if (!isJson(ctx.request().getHeader("Content-Type"))) {
      throw notJson();
    }
    JsonObject body = null;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    if (body == null) {
      throw Refusal.invalid("request body is not a JSON object");
    }
    String nul = NulText.find(body, "");
    if (nul != null) {
      throw Refusal.invalid(nul, nul + " must not contain the NUL character (U+0000)", null);
    }
    return body;
  }

  static HttpError notJson() {
    return new HttpError(415, new JsonObject().put("error", "send the request body as JSON, with Content-Type: application/json"));
  }

  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  /** A query parameter as a whole number in [min, max], the fallback when absent; 400 naming it otherwise. */
  public static long longParam(RoutingContext ctx, String name, long fallback, long min, long max) {
    String given = ctx.request().getParam(name);
    if (given == null || given.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(given.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Refusal.invalid(name, name + " must be a whole number from " + min + " to " + max, given);
  }

  /** An optional query parameter as an id (a positive whole number); null when absent. */
  public static Long idParam(RoutingContext ctx, String name) {
    String given = ctx.request().getParam(name);
    if (given == null || given.isEmpty()) {
      return null;
    }
    try {
      long id = Long.parseLong(given.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Refusal.invalid(name, name + " must be an id (a positive whole number)", given);
  }

  /** The path parameter as an id; a malformed one is simply not found. */
  public static long id(RoutingContext ctx, String name, String what) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw Refusal.notFound(what);
    }
  }

  /** The caller's account; operators act on one through ?account=ID. */
  public static long account(RoutingContext ctx) {
    Principal p = principal(ctx);
    if (p.accountId() != null) {
      return p.accountId();
    }
    Long given = ctx.get(AccountParam.CHECKED);
    if (given == null) {
      throw Refusal.invalid("account", "operators name the account with ?account=ID", null);
    }
    return given;
  }

  /** Answers 200 {key: [view of each item]} once the items are read, or sends their failure on. */
  public static <T> void listed(RoutingContext ctx, String key, io.vertx.core.Future<java.util.List<T>> items,
                                java.util.function.Function<T, JsonObject> view) {
    items.onSuccess(list -> {
      io.vertx.core.json.JsonArray all = new io.vertx.core.json.JsonArray();
      list.forEach(item -> all.add(view.apply(item)));
      json(ctx, 200, new JsonObject().put(key, all));
    }).onFailure(ctx::fail);
  }

  /** Runs a handler that may throw a refusal, sending it to the failure handler. */
  public static Handler<RoutingContext> safe(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Refusal | HttpError e) {
        ctx.fail(e);
      }
    };
  }
}
