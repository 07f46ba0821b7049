package io.herald.ingest;

import io.vertx.core.json.JsonObject;

/** A row that was not queued: where, which field, the value, and why. */
public record Rejection(long row, String field, String value, String reason) {
  public JsonObject toJson() {
    return new JsonObject().put("row", row).put("field", field).put("value", value).put("error", reason);
  }
}
