package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contact groups (tables contact_groups, group_members): static groups whose members are added and
 * removed, and dynamic groups whose members are the contacts matching their conditions, computed
 * in SQL whenever they are read.
 */
public final class Groups {
  private static final int MAX_NAME = 100;
  private static final String COLUMNS = "g.id, g.name, g.category, g.type, g.conditions, g.created_at";
  private static final String STATIC_COUNTS = """
      CASE WHEN g.type = 'static' THEN (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) END AS total,
      CASE WHEN g.type = 'static' THEN (SELECT count(*) FROM group_members m JOIN contacts c ON c.id = m.contact_id
                                         WHERE m.group_id = g.id AND %s) END AS active""".formatted(ContactSql.ACTIVE);

  private final Pool pool;
  private final Fields fields;
  private final AccountRegions accounts;

  public Groups(Pool pool, Fields fields, AccountRegions accounts) {
    this.pool = pool;
    this.fields = fields;
    this.accounts = accounts;
  }

  /** Every group of the account by name, each with its type, its contact counts and when it was made. */
  public Future<JsonObject> list(long accountId) {
    return accounts.region(accountId).compose(r -> views(pool, accountId, null))
        .map(groups -> new JsonObject().put("groups", groups));
  }

  public Future<JsonObject> get(long accountId, long id) {
    return views(pool, accountId, id).compose(groups -> groups.isEmpty()
        ? Future.failedFuture(Refusal.notFound("group")) : Future.succeededFuture(groups.getJsonObject(0)));
  }

  /** {"name", "category"?, "type": "static" | "dynamic", "conditions"? (dynamic), "contacts"? (static)}. */
  public Future<JsonObject> create(long accountId, JsonObject request) {
    String name = name(Json.text(request, "name"));
    String category = category(request);
    String type = Json.text(request, "type");
    if (type == null) {
      type = request.containsKey("conditions") ? "dynamic" : "static";
    }
    if (!type.equals("static") && !type.equals("dynamic")) {
      throw Refusal.invalid("type", "type must be static or dynamic", type);
    }
    boolean dynamic = type.equals("dynamic");
    if (dynamic && request.containsKey("contacts")) {
      throw Refusal.invalid("contacts", "a dynamic group's members come from its conditions; contacts cannot be added", null);
    }
    if (!dynamic && request.containsKey("conditions")) {
      throw Refusal.invalid("conditions", "a static group has no conditions; make it dynamic", null);
    }
    List<Long> members = request.containsKey("contacts") ? Json.ids(request, "contacts", "contact") : List.of();
    String groupType = type;
    return accounts.region(accountId).compose(region -> fieldMap(accountId).compose(known -> {
      JsonArray conditions = dynamic ? Condition.toJson(Condition.parse(request.getValue("conditions"), known, region)) : null;
      return pool.withTransaction(tx -> tx.preparedQuery("""
              INSERT INTO contact_groups (account_id, name, category, type, conditions)
              VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id""")
          .execute(Tuple.of(accountId, name, category, groupType, conditions))
          .map(rows -> rows.iterator().next().getLong(0))
          .compose(id -> addMembers(tx, accountId, id, members).map(id)));
    })).recover(e -> Future.failedFuture(nameTaken(e, name)))
        .compose(id -> get(accountId, id));
  }

  /** {"name"?, "category"?, "conditions"? (dynamic groups)}; a group's type never changes. */
  public Future<JsonObject> update(long accountId, long id, JsonObject request) {
    if (request.containsKey("type")) {
      throw Refusal.invalid("type", "a group's type cannot change; make a new group instead", null);
    }
    String name = request.containsKey("name") ? name(Json.text(request, "name")) : null;
    boolean setCategory = request.containsKey("category");
    String category = category(request);
    return ref(accountId, id).compose(group -> {
      if (!group.dynamic() && request.containsKey("conditions")) {
        throw Refusal.invalid("conditions", "a static group has no conditions", null);
      }
      Future<JsonArray> conditions = !request.containsKey("conditions") ? Future.succeededFuture(null)
          : accounts.region(accountId).map(region -> Condition.toJson(
              Condition.parse(request.getValue("conditions"), group.fields(), region)));
      return conditions.compose(c -> pool.preparedQuery("""
              UPDATE contact_groups SET name = coalesce($3, name),
                     category = CASE WHEN $4 THEN $5 ELSE category END,
                     conditions = coalesce($6::jsonb, conditions)
              WHERE account_id = $1 AND id = $2""")
          .execute(Tuple.of(accountId, id, name, setCategory, category, c)));
    }).recover(e -> Future.failedFuture(nameTaken(e, name)))
        .compose(v -> get(accountId, id));
  }

  /** Deletes the group; its contacts stay. */
  public Future<Void> delete(long accountId, long id) {
    return pool.preparedQuery("DELETE FROM contact_groups WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Refusal.notFound("group")) : Future.succeededFuture());
  }

  /** Adds contacts to a static group: all of them, or none when one is not the account's. */
  public Future<JsonObject> add(long accountId, long id, List<Long> contacts) {
    return staticGroup(accountId, id).compose(g -> addMembers(pool, accountId, id, contacts))
        .map(added -> new JsonObject().put("added", added));
  }

  public Future<JsonObject> remove(long accountId, long id, List<Long> contacts) {
    return staticGroup(accountId, id).compose(g -> pool
            .preparedQuery("DELETE FROM group_members WHERE group_id = $1 AND contact_id = ANY($2::bigint[])")
            .execute(Sql.pair(id, contacts.toArray(Long[]::new))))
        .map(rows -> new JsonObject().put("removed", rows.rowCount()));
  }

  /**
   * Puts the members of group {@code sourceId} (static or dynamic, as they are now) into static group
   * {@code id}, then deletes the source unless keepSource.
   */
  public Future<JsonObject> merge(long accountId, long id, long sourceId, boolean keepSource) {
    if (id == sourceId) {
      throw Refusal.invalid("group", "a group cannot be merged with itself", String.valueOf(sourceId));
    }
    return staticGroup(accountId, id).compose(target -> ref(accountId, sourceId)
        .recover(e -> Future.failedFuture(e instanceof Refusal api && api.is(Refusal.Kind.NOT_FOUND)
            ? Refusal.notFoundBecause("group " + sourceId + " not found").with("field", "group").with("value", sourceId)
            : e))
        .compose(source -> pool.withTransaction(tx -> {
          List<Object> params = new ArrayList<>(List.of(accountId, id));
          String members = source.members(params);
          return tx.preparedQuery("INSERT INTO group_members (group_id, contact_id) SELECT $2, c.id FROM contacts c "
                  + "WHERE c.account_id = $1 AND " + members + " ON CONFLICT DO NOTHING")
              .execute(Tuple.from(params))
              .compose(added -> (keepSource ? Future.succeededFuture()
                  : tx.preparedQuery("DELETE FROM contact_groups WHERE id = $1").execute(Tuple.of(sourceId)))
                  .map(added.rowCount()));
        })))
        .compose(added -> get(accountId, id).map(group -> group.put("added", added)));
  }

  /** The group as membership needs it; 404 when the account has no such group. */
  Future<GroupRef> ref(long accountId, long id) {
    return pool.preparedQuery("SELECT id, name, type, conditions FROM contact_groups WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> {
          Row r = Sql.first(rows).orElse(null);
          if (r == null) {
            return Future.failedFuture(Refusal.notFound("group"));
          }
          boolean dynamic = r.getString("type").equals("dynamic");
          return fieldMap(accountId).map(known -> new GroupRef(r.getLong("id"), r.getString("name"), dynamic,
              dynamic ? Condition.fromJson((JsonArray) r.getValue("conditions")) : List.of(), known));
        });
  }

  /** The account's fields by key, createdAt included (conditions may use it). */
  Future<Map<String, Field>> fieldMap(long accountId) {
    return fields.all(accountId).map(list -> {
      Map<String, Field> map = new LinkedHashMap<>();
      list.forEach(f -> map.put(f.key(), f));
      map.put(Field.CREATED_AT.key(), Field.CREATED_AT);
      return map;
    });
  }

  private Future<GroupRef> staticGroup(long accountId, long id) {
    return ref(accountId, id).compose(g -> g.dynamic()
        ? Future.failedFuture(Refusal.invalid("group", "group '" + g.name()
            + "' is dynamic: its members come from its conditions", String.valueOf(id)))
        : Future.succeededFuture(g));
  }

  /** Adds in one statement, and only when every id is one of the account's contacts. */
  static Future<Integer> addMembers(SqlClient client, long accountId, long groupId, List<Long> contacts) {
    if (contacts.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return client.preparedQuery("""
            WITH want AS (SELECT DISTINCT unnest($3::bigint[]) AS id),
            ok AS (SELECT c.id FROM contacts c JOIN want USING (id) WHERE c.account_id = $1),
            missing AS (SELECT id FROM want EXCEPT SELECT id FROM ok),
            ins AS (
              INSERT INTO group_members (group_id, contact_id)
              SELECT $2, id FROM ok WHERE NOT EXISTS (SELECT 1 FROM missing)
              ON CONFLICT DO NOTHING RETURNING contact_id)
            SELECT (SELECT count(*) FROM ins) AS added, (SELECT array_agg(id ORDER BY id) FROM missing) AS missing""")
        .execute(Tuple.of(accountId, groupId, contacts.toArray(Long[]::new)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          Long[] missing = r.getArrayOfLongs("missing");
          if (missing != null && missing.length > 0) {
            return Future.failedFuture(Refusal.notFoundBecause((missing.length == 1 ? "contact " : "contacts ") + join(missing) + " not found").with("field", "contacts").with("value", new JsonArray(List.of((Object[]) missing))));
          }
          return Future.succeededFuture(r.getLong("added").intValue());
        });
  }

  private Future<JsonArray> views(SqlClient client, long accountId, Long id) {
    return client.preparedQuery("SELECT " + COLUMNS + ", " + STATIC_COUNTS
            + " FROM contact_groups g WHERE g.account_id = $1 AND ($2::bigint IS NULL OR g.id = $2) ORDER BY lower(g.name), g.id")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> dynamicCounts(client, accountId, rows).map(counts -> {
          JsonArray list = new JsonArray();
          for (Row r : rows) {
            long groupId = r.getLong("id");
            long[] count = counts.get(groupId);
            JsonObject group = new JsonObject()
                .put("id", groupId)
                .put("name", r.getString("name"))
                .put("category", r.getString("category"))
                .put("type", r.getString("type"))
                .put("contacts", count == null ? r.getLong("total") : count[0])
                .put("activeContacts", count == null ? r.getLong("active") : count[1])
                .put("createdAt", Sql.time(r.getOffsetDateTime("created_at")));
            if (r.getValue("conditions") != null) {
              group.put("conditions", r.getValue("conditions"));
            }
            list.add(group);
          }
          return list;
        }));
  }

  /** Counts of every dynamic group among rows, all in one statement. */
  private Future<Map<Long, long[]>> dynamicCounts(SqlClient client, long accountId, RowSet<Row> rows) {
    List<Row> dynamic = new ArrayList<>();
    rows.forEach(r -> {
      if (r.getString("type").equals("dynamic")) {
        dynamic.add(r);
      }
    });
    if (dynamic.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return fieldMap(accountId).compose(known -> {
      List<Object> params = new ArrayList<>(List.of(accountId));
      List<String> parts = new ArrayList<>();
      for (Row r : dynamic) {
        params.add(r.getLong("id"));
        int idParam = params.size();
        String where = ConditionSql.where(Condition.fromJson((JsonArray) r.getValue("conditions")), known, params);
        parts.add("SELECT $" + idParam + "::bigint AS id, count(*) AS total, count(*) FILTER (WHERE " + ContactSql.ACTIVE
            + ") AS active FROM contacts c WHERE c.account_id = $1 AND " + where);
      }
      return client.preparedQuery(String.join(" UNION ALL ", parts)).execute(Tuple.from(params)).map(counted -> {
        Map<Long, long[]> map = new HashMap<>();
        counted.forEach(r -> map.put(r.getLong("id"), new long[] {r.getLong("total"), r.getLong("active")}));
        return map;
      });
    });
  }

  private static String name(String name) {
    if (name == null || name.isBlank()) {
      throw Refusal.invalid("name", "name is required", null);
    }
    if (name.strip().length() > MAX_NAME) {
      throw Refusal.invalid("name", "name is longer than " + MAX_NAME + " characters", name);
    }
    return name.strip();
  }

  private static String category(JsonObject request) {
    String category = Json.text(request, "category");
    if (category != null && category.strip().length() > MAX_NAME) {
      throw Refusal.invalid("category", "category is longer than " + MAX_NAME + " characters", category);
    }
    return category == null || category.isBlank() ? null : category.strip();
  }

  /** A unique-name violation as the 409 a user understands; anything else as it was. */
  static Throwable nameTaken(Throwable e, String name) {
    if (e instanceof PgException pg && "contact_groups_name".equals(pg.getConstraint())) {
      return Refusal.conflict("a group named '" + name + "' already exists").with("field", "name").with("value", name);
    }
    return e;
  }

  private static String join(Long[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(ids[i]);
    }
    return sb.toString();
  }
}
