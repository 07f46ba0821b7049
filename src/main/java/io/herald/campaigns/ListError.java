package io.herald.campaigns;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Why one row (or the file) cannot be taken: the reason as the error log writes it in column A, then the row. */
record ListError(long row, String reason, List<String> cells) {
  JsonObject toJson() {
    return new JsonObject().put("row", row).put("reason", reason).put("line", String.join(",", cells));
  }
}
