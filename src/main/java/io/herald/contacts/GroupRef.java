package io.herald.contacts;

import java.util.List;
import java.util.Map;

/** A group as membership sees it: a static group's member rows, or a dynamic group's conditions. */
record GroupRef(long id, String name, boolean dynamic, List<Condition> conditions, Map<String, Field> fields) {

  /** A predicate on contacts c that holds for the members; appends its parameters to params. */
  String members(List<Object> params) {
    if (dynamic) {
      return ConditionSql.where(conditions, fields, params);
    }
    params.add(id);
    return "EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = $" + params.size() + " AND m.contact_id = c.id)";
  }
}
