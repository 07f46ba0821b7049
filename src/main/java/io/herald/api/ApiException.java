package io.herald.api;

import io.vertx.core.json.JsonObject;

/**
 * A request the API refuses, with the HTTP status and the JSON body the caller sees. Capabilities
 * throw it (or fail futures with it); the web layer turns it into the response.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final JsonObject body;

  public ApiException(int status, JsonObject body) {
    super(body.getString("error"), null, false, false);
    this.status = status;
    this.body = body;
  }

  /** 400 {"error": error, "field": field} plus the offending value when there is one. */
  public static ApiException badField(String field, String error, Object value) {
    JsonObject body = new JsonObject().put("error", error).put("field", field);
    if (value != null) {
      body.put("value", value);
    }
    return new ApiException(400, body);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, new JsonObject().put("error", what + " not found"));
  }

  public int status() {
    return status;
  }

  public JsonObject body() {
    return body;
  }
}
