package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contacts a send to "all contacts" or to some groups (static or dynamic) reaches, each once
 * however many of the groups hold it, with the number from the chosen phone field and whether it
 * opted out; and how many of the account's contacts are in none of the groups.
 */
public final class Audiences {
  /** One contact of the audience: phone is its number in E.164 from the chosen field, or null when it has none. */
  public record Member(long contactId, String phone, boolean optedOut, String firstName, String lastName, String email,
                       String timeZone, JsonObject fields) {
    /** The values a ~placeholder~ can use, by lower-case field key. */
    public Map<String, String> vars() {
      Map<String, String> vars = new HashMap<>();
      put(vars, "firstname", firstName);
      put(vars, "lastname", lastName);
      put(vars, "phone", phone);
      put(vars, "email", email);
      fields.forEach(e -> put(vars, e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue() == null ? null
          : String.valueOf(e.getValue())));
      return vars;
    }

    private static void put(Map<String, String> vars, String key, String value) {
      if (value != null && !value.isBlank()) {
        vars.put(key, value);
      }
    }
  }

  /** The audience, and the account's contacts left out for being in none of the groups. */
  public record Found(List<Member> members, long notInGroups) {}

  private final Pool pool;
  private final Groups groups;
  private final Fields fields;

  Audiences(Pool pool, Groups groups, Fields fields) {
    this.pool = pool;
    this.groups = groups;
    this.fields = fields;
  }

  /**
   * groupIds null: every contact of the account. phoneField null: the contact's phone; else a
   * custom field of phone type. A group that no longer exists is refused by name of its id.
   */
  public Future<Found> members(long accountId, List<Long> groupIds, String phoneField) {
    return phoneColumn(accountId, phoneField).compose(phone -> refs(accountId, groupIds, id -> Refusal.conflict("group " + id
        + " no longer exists: choose the recipients again")).compose(list -> {
        List<Object> params = new ArrayList<>(List.of(accountId));
        String in = "true";
        if (groupIds != null) {
          List<String> parts = new ArrayList<>();
          list.forEach(g -> parts.add(g.members(params)));
          in = parts.isEmpty() ? "false" : "(" + String.join(" OR ", parts) + ")";
        }
        String sql = "SELECT c.id, " + phone + " AS phone, c.first_name, c.last_name, c.email, c.time_zone, c.fields,"
            + " EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND s.address = " + phone
            + ") AS opted_out, " + in + " AS member FROM contacts c WHERE c.account_id = $1 ORDER BY c.id";
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
          List<Member> members = new ArrayList<>();
          long outside = 0;
          for (Row r : rows) {
            if (!r.getBoolean("member")) {
              outside++;
              continue;
            }
            String number = r.getString("phone");
            members.add(new Member(r.getLong("id"), number != null && number.matches("\\+[1-9][0-9]{5,14}") ? number : null,
                r.getBoolean("opted_out"), r.getString("first_name"), r.getString("last_name"), r.getString("email"),
                r.getString("time_zone"), (JsonObject) r.getValue("fields")));
          }
          return new Found(members, outside);
        });
      }));
  }

  /** Checks a choice of recipients without reading them: each group exists, the phone field is one of phone type. */
  public Future<Void> check(long accountId, List<Long> groupIds, String phoneField) {
    return phoneColumn(accountId, phoneField)
        .compose(phone -> refs(accountId, groupIds, id -> Refusal.invalid("groups", "there is no group " + id, id)))
        .mapEmpty();
  }

  private Future<List<GroupRef>> refs(long accountId, List<Long> groupIds, java.util.function.LongFunction<Refusal> missing) {
    if (groupIds == null) {
      return Future.succeededFuture(List.of());
    }
    List<Future<GroupRef>> each = new ArrayList<>();
    for (Long id : groupIds) {
      each.add(groups.ref(accountId, id).recover(e -> Future.failedFuture(e instanceof Refusal r
          && r.kind() == Refusal.Kind.NOT_FOUND ? missing.apply(id) : e)));
    }
    return Future.all(each).map(all -> all.<GroupRef>list());
  }

  /** The SQL for the chosen phone field's value; the key is checked against the account's fields, never pasted raw. */
  private Future<String> phoneColumn(long accountId, String key) {
    if (key == null || key.equals("phone")) {
      return Future.succeededFuture("c.phone");
    }
    return fields.all(accountId).map(all -> {
      Field f = all.stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
      if (f == null || f.type() != FieldType.PHONE) {
        throw Refusal.invalid("phoneField", "phoneField must be phone or a custom field of phone type", key);
      }
      return "(c.fields ->> '" + f.key().replace("'", "''") + "')";
    });
  }
}
