package io.herald.drop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a drop profile finds things in a file. mobile is required; phones are further phone
 * columns tried in order; keyword, message, sendAt and timeZone may be null. appointments maps an
 * appointment's column key (externalId, date, ...) to its column, for a profile that loads them.
 */
public record ProfileColumns(ColumnRef mobile, List<ColumnRef> phones, ColumnRef keyword, ColumnRef message,
                             ColumnRef sendAt, ColumnRef timeZone, List<CustomField> fields,
                             Map<String, ColumnRef> appointments) {

  /** The stored form (drop_profiles.columns). */
  JsonObject toStored() {
    JsonArray phoneList = new JsonArray();
    phones.forEach(p -> phoneList.add(p.toJson()));
    JsonArray fieldList = new JsonArray();
    fields.forEach(f -> fieldList.add(f.toJson()));
    return new JsonObject().put("mobile", mobile.toJson()).put("phones", phoneList)
        .put("keyword", json(keyword)).put("message", json(message)).put("sendAt", json(sendAt))
        .put("timeZone", json(timeZone)).put("fields", fieldList).put("appointments", appointmentsJson());
  }

  JsonObject appointmentsJson() {
    JsonObject json = new JsonObject();
    appointments.forEach((key, ref) -> json.put(key, ref.toJson()));
    return json;
  }

  static ProfileColumns fromStored(JsonObject json) {
    List<ColumnRef> phones = new ArrayList<>();
    json.getJsonArray("phones", new JsonArray()).forEach(p -> phones.add(stored(p)));
    Map<String, ColumnRef> appointments = new LinkedHashMap<>();
    json.getJsonObject("appointments", new JsonObject()).forEach(e -> appointments.put(e.getKey(), stored(e.getValue())));
    List<CustomField> fields = new ArrayList<>();
    json.getJsonArray("fields", new JsonArray()).forEach(f -> {
      JsonObject o = (JsonObject) f;
      fields.add(new CustomField(stored(o.getValue("column")), o.getString("label"), o.getString("contactField")));
    });
    return new ProfileColumns(stored(json.getValue("mobile")), List.copyOf(phones), stored(json.getValue("keyword")),
        stored(json.getValue("message")), stored(json.getValue("sendAt")), stored(json.getValue("timeZone")),
        List.copyOf(fields), appointments);
  }

  private static ColumnRef stored(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Number n ? ColumnRef.at(n.intValue()) : ColumnRef.named((String) value);
  }

  private static Object json(ColumnRef ref) {
    return ref == null ? null : ref.toJson();
  }
}
