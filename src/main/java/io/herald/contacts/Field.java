package io.herald.contacts;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A contact field: one of the default fields every account has, or one of its custom fields.
 * {@code column} is the contacts column a default field lives in (null for custom fields, whose
 * values live in contacts.fields under their key).
 */
public record Field(String key, String label, FieldType type, String column) {
  public static final List<Field> DEFAULTS = List.of(
      new Field("firstName", "First name", FieldType.TEXT, "first_name"),
      new Field("lastName", "Last name", FieldType.TEXT, "last_name"),
      new Field("phone", "Phone", FieldType.PHONE, "phone"),
      new Field("email", "E-mail", FieldType.EMAIL, "email"),
      new Field("timeZone", "Time zone", FieldType.TIME_ZONE, "time_zone"),
      new Field("language", "Language", FieldType.TEXT, "language"));

  /** Readable by conditions and sorting, never written: when the contact was created. */
  public static final Field CREATED_AT = new Field("createdAt", "Created", FieldType.DATE, "created_at");

  public boolean isDefault() {
    return column != null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("label", label).put("type", type.dbName())
        .put("default", isDefault());
  }
}
