package io.herald.contacts;

import java.util.List;
import java.util.Map;

/**
 * Turns a dynamic group's conditions into a SQL predicate on contacts (alias c), with every value
 * and custom-field key as a parameter. Values were checked against the field's type when the group
 * was saved, and a field's type never changes, so the casts cannot fail.
 */
final class ConditionSql {
  private ConditionSql() {}

  /** Appends parameters to params; conditions on fields that no longer exist match nobody. */
  static String where(List<Condition> conditions, Map<String, Field> fields, List<Object> params) {
    StringBuilder sql = new StringBuilder("(true");
    for (Condition c : conditions) {
      Field field = c.field().equals(Field.CREATED_AT.key()) ? Field.CREATED_AT : fields.get(c.field());
      sql.append(" AND ");
      if (field == null) {
        sql.append("false");
        continue;
      }
      sql.append(predicate(field, c, params));
    }
    return sql.append(')').toString();
  }

  private static String predicate(Field field, Condition c, List<Object> params) {
    String text;
    if (field == Field.CREATED_AT) {
      text = "to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
    } else if (field.isDefault()) {
      text = "c." + field.column(); // a fixed column name from Field.DEFAULTS, never user input
    } else {
      params.add(field.key());
      text = "(c.fields ->> $" + params.size() + "::text)";
    }
    if (!c.op().needsValue()) {
      return "coalesce(" + text + ", '') " + (c.op() == Condition.Op.IS_EMPTY ? "=" : "<>") + " ''";
    }
    params.add(c.value());
    String value = "$" + params.size() + "::text";
    String cast = switch (field.type()) {
      case NUMBER -> "numeric";
      case DATE -> "date";
      case BOOLEAN -> "boolean";
      default -> null;
    };
    if (c.op() == Condition.Op.CONTAINS) {
      return "strpos(lower(coalesce(" + text + ", '')), lower(" + value + ")) > 0";
    }
    String left = cast == null ? "lower(" + text + ")" : "(" + text + ")::" + cast;
    String right = cast == null ? "lower(" + value + ")" : "(" + value + ")::" + cast;
    String operator = switch (c.op()) {
      case EQUALS -> "=";
      case NOT_EQUALS -> "IS DISTINCT FROM";
      case BEFORE, LESS_THAN -> "<";
      case AFTER, GREATER_THAN -> ">";
      default -> throw new IllegalStateException("op " + c.op());
    };
    return left + " " + operator + " " + right;
  }
}
