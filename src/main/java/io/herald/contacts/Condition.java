package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One condition of a dynamic group on a field: {"field", "op", "value"}. A contact is a member when all hold. */
public record Condition(String field, Op op, String value) {

  public enum Op {
    EQUALS, NOT_EQUALS, CONTAINS, BEFORE, AFTER, LESS_THAN, GREATER_THAN, IS_EMPTY, IS_NOT_EMPTY;

    String dbName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Op of(String name) {
      for (Op op : values()) {
        if (op.dbName().equals(name)) {
          return op;
        }
      }
      return null;
    }

    boolean needsValue() {
      return this != IS_EMPTY && this != IS_NOT_EMPTY;
    }
  }

  private static final Set<Op> TEXT_OPS = EnumSet.of(Op.EQUALS, Op.NOT_EQUALS, Op.CONTAINS, Op.IS_EMPTY, Op.IS_NOT_EMPTY);

  static Set<Op> ops(FieldType type) {
    return switch (type) {
      case NUMBER -> EnumSet.of(Op.EQUALS, Op.NOT_EQUALS, Op.LESS_THAN, Op.GREATER_THAN, Op.IS_EMPTY, Op.IS_NOT_EMPTY);
      case DATE -> EnumSet.of(Op.EQUALS, Op.BEFORE, Op.AFTER, Op.IS_EMPTY, Op.IS_NOT_EMPTY);
      case BOOLEAN -> EnumSet.of(Op.EQUALS, Op.IS_EMPTY, Op.IS_NOT_EMPTY);
      default -> TEXT_OPS;
    };
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("field", field).put("op", op.dbName());
    if (value != null) {
      json.put("value", value);
    }
    return json;
  }

  /**
   * Reads and checks a group's conditions against the account's fields (by key); values are
   * normalised (phones to E.164, dates to YYYY-MM-DD) so that SQL compares like with like.
   */
  static List<Condition> parse(Object given, Map<String, Field> fields, String region) {
    if (!(given instanceof JsonArray array) || array.isEmpty()) {
      throw Refusal.invalid("conditions", "a dynamic group needs a list of conditions", null);
    }
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "conditions[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject c)) {
        throw Refusal.invalid(where, where + " must be an object {field, op, value}", String.valueOf(array.getValue(i)));
      }
      Object fieldKey = c.getValue("field");
      Field field = fieldKey instanceof String k ? fields.get(k) : null;
      if (field == null) {
        throw Refusal.invalid(where + ".field", "no field '" + fieldKey + "'", fieldKey == null ? null : fieldKey.toString());
      }
      Object opName = c.getValue("op");
      Op op = opName instanceof String s ? Op.of(s) : null;
      Set<Op> allowed = ops(field.type());
      if (op == null || !allowed.contains(op)) {
        throw Refusal.invalid(where + ".op", "op for a " + field.type().dbName() + " field must be one of "
            + String.join(", ", allowed.stream().map(Op::dbName).toList()), opName == null ? null : opName.toString());
      }
      String value = null;
      if (op.needsValue()) {
        Object raw = c.getValue("value");
        if (raw == null || raw.toString().isBlank()) {
          throw Refusal.invalid(where + ".value", "op " + op.dbName() + " needs a value", null);
        }
        value = value(field, op, raw.toString(), region, where);
      }
      conditions.add(new Condition(field.key(), op, value));
    }
    return conditions;
  }

  private static String value(Field field, Op op, String raw, String region, String where) {
    if (op == Op.CONTAINS) {
      return raw.strip();
    }
    try {
      return switch (field.type()) {
        case PHONE -> Addresses.phone(raw, region).orElseThrow(() -> new IllegalArgumentException("is not a valid phone number"));
        case EMAIL -> raw.strip().toLowerCase(Locale.ROOT);
        case TIME_ZONE -> raw.strip();
        default -> String.valueOf(field.type().parse(raw));
      };
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid(where + ".value", "'" + raw + "' " + e.getMessage(), raw);
    }
  }

  static JsonArray toJson(List<Condition> conditions) {
    JsonArray array = new JsonArray();
    conditions.forEach(c -> array.add(c.toJson()));
    return array;
  }

  /** Conditions as stored (already checked when the group was saved). */
  static List<Condition> fromJson(JsonArray array) {
    List<Condition> list = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject c = array.getJsonObject(i);
      list.add(new Condition(c.getString("field"), Op.of(c.getString("op")), c.getString("value")));
    }
    return list;
  }
}
