package io.herald.drop;

import io.vertx.core.json.JsonObject;

/**
 * A column whose value a message can show as {@code ~label~}, optionally saved to a field of the
 * contact with the row's phone number (contactField is that field's key, or null).
 */
public record CustomField(ColumnRef column, String label, String contactField) {
  public JsonObject toJson() {
    return new JsonObject().put("column", column.toJson()).put("label", label).put("contactField", contactField);
  }
}
