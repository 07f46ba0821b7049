package io.herald.drop;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * A file handed to processing: whose it is, where it waits in staging, the name the customer gave
 * it, how it came (ftp, http), whether only to try it (dryRun), and a problem already known when it
 * was received (too large), if any.
 */
public record Received(long profileId, Path staged, String name, String source, boolean dryRun, String problem) {
  public JsonObject toJson() {
    return new JsonObject().put("profileId", profileId).put("staged", staged.toString()).put("name", name)
        .put("source", source).put("dryRun", dryRun).put("problem", problem);
  }

  public static Received fromJson(JsonObject json) {
    return new Received(json.getLong("profileId"), Path.of(json.getString("staged")), json.getString("name"),
        json.getString("source"), json.getBoolean("dryRun", false), json.getString("problem"));
  }
}
