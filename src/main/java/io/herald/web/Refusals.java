package io.herald.web;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The one place a capability's refusal becomes an HTTP status and a JSON body. */
final class Refusals {
  private Refusals() {}

  static int status(Refusal r) {
    return switch (r.kind()) {
      case INVALID -> 400;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case GONE -> 410;
      case LIMIT -> 413;
      case UPSTREAM -> 502;
    };
  }

  /** {"error": why, then the details: field, value, limit, and what else the capability named}. */
  static JsonObject body(Refusal r) {
    JsonObject body = new JsonObject().put("error", r.getMessage());
    for (Map.Entry<String, Object> d : r.details().entrySet()) {
      body.put(d.getKey(), d.getValue());
    }
    return body;
  }
}
