package io.herald.web;

import io.vertx.core.json.JsonObject;

/** A refusal only HTTP has words for (the wrong Content-Type): the status and the body the caller sees. */
final class HttpError extends RuntimeException {
  private final int status;
  private final JsonObject body;

  HttpError(int status, JsonObject body) {
    super(body.getString("error"), null, false, false);
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  JsonObject body() {
    return body;
  }
}
