package io.herald.contacts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A row an import did not take: its original cells, the column and value at fault, and why. */
record RejectedRow(int line, List<String> cells, String column, String value, String reason) {
  JsonObject toJson() {
    return new JsonObject().put("row", line).put("column", column).put("value", value).put("error", reason);
  }

  String cellsJson() {
    return new JsonArray(List.copyOf(cells)).encode();
  }
}
