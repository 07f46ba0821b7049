package io.herald.contacts;

import io.herald.contacts.Addresses.Address;
import io.herald.contacts.Addresses.AddressKind;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Contacts one at a time (table contacts): create, read, update, delete, search, detail status. */
public final class ContactBook {
  private final Pool pool;
  private final Groups groups;
  private final Suppressions suppressions;
  private final AccountRegions accounts;

  public ContactBook(Pool pool, Groups groups, Suppressions suppressions, AccountRegions accounts) {
    this.pool = pool;
    this.groups = groups;
    this.suppressions = suppressions;
    this.accounts = accounts;
  }

  /** Contacts matching a query: where c.account_id = $1 and the search and group hold. */
  record Filter(String where, List<Object> params, Map<String, Field> fields) {}

  Future<Filter> filter(long accountId, String search, Long groupId) {
    return accounts.region(accountId).compose(region -> {
      Future<GroupRef> group = groupId == null ? Future.succeededFuture(null) : groups.ref(accountId, groupId);
      return group.compose(g -> groups.fieldMap(accountId).map(fields -> {
        List<Object> params = new ArrayList<>(List.of(accountId));
        StringBuilder where = new StringBuilder("c.account_id = $1");
        if (search != null && !search.isBlank()) {
          params.add(search.strip());
          params.add(search.replaceAll("[^0-9]", ""));
          where.append(" AND ").append(ContactSql.search(params.size() - 1, params.size()));
        }
        if (g != null) {
          where.append(" AND ").append(g.members(params));
        }
        return new Filter(where.toString(), params, fields);
      }));
    });
  }

  /** {"contacts": [...], "page", "pageSize", "total"}. */
  public Future<JsonObject> search(long accountId, ContactQuery query) {
    return filter(accountId, query.search(), query.groupId()).compose(filter -> {
      List<Object> params = new ArrayList<>(filter.params());
      String order = order(query.sort(), filter.fields(), params) + (query.descending() ? " DESC" : " ASC") + " NULLS LAST";
      params.add(query.paging().size());
      params.add(query.paging().offset());
      String sql = "WITH f AS (SELECT c.* FROM contacts c WHERE " + filter.where() + ") "
          + "SELECT t.total, p.* FROM (SELECT count(*) AS total FROM f) t LEFT JOIN LATERAL ("
          + "SELECT " + ContactSql.VIEW + " FROM f c ORDER BY " + order + ", c.id" + (query.descending() ? " DESC" : "")
          + " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size() + ") p ON true";
      return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
        JsonArray contacts = new JsonArray();
        long total = 0;
        for (Row r : rows) {
          total = r.getLong("total");
          if (r.getLong("id") != null) {
            contacts.add(json(r));
          }
        }
        return query.paging().page(total).put("contacts", contacts);
      });
    });
  }

  public Future<JsonObject> get(long accountId, long id) {
    return get(pool, accountId, id);
  }

  private Future<JsonObject> get(SqlClient client, long accountId, long id) {
    return client.preparedQuery("SELECT " + ContactSql.VIEW + " FROM contacts c WHERE c.account_id = $1 AND c.id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> Sql.first(rows).map(r -> Future.succeededFuture(json(r)))
            .orElseGet(() -> Future.failedFuture(Refusal.notFound("contact"))));
  }

  /** {"firstName"?, "lastName"?, "phone"?, "email"?, "timeZone"?, "language"?, "fields"?, "groups"?}. */
  public Future<JsonObject> create(long accountId, JsonObject request) {
    return input(accountId, request).compose(input -> {
      if (input.phone() == null && input.email() == null) {
        return Future.failedFuture(Refusal.invalid("phone",
            "a contact needs at least one valid detail: a phone number or an e-mail address", null));
      }
      return conflicts(accountId, 0, input).compose(v -> pool.withTransaction(tx -> {
        List<Object> params = new ArrayList<>(List.of(accountId, input.setFields()));
        StringBuilder columns = new StringBuilder("account_id, fields");
        StringBuilder values = new StringBuilder("$1, $2::jsonb");
        input.columns().forEach((column, value) -> {
          params.add(value);
          columns.append(", ").append(column); // a column name from Field.DEFAULTS
          values.append(", $").append(params.size());
        });
        return tx.preparedQuery("INSERT INTO contacts (" + columns + ") VALUES (" + values + ") RETURNING id")
            .execute(Tuple.from(params))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(id -> setGroups(tx, accountId, id, input.groups()).compose(n -> get(tx, accountId, id)));
      })).recover(e -> Future.failedFuture(constraint(e, input)));
    });
  }

  /** Changes what the request names; a field given as null or "" is cleared. */
  public Future<JsonObject> update(long accountId, long id, JsonObject request) {
    return get(accountId, id).compose(existing -> input(accountId, request)).compose(input ->
        conflicts(accountId, id, input).compose(v -> pool.withTransaction(tx -> {
          List<Object> params = new ArrayList<>(List.of(accountId, id, input.setFields(),
              input.clearFields().toArray(String[]::new)));
          StringBuilder set = new StringBuilder("fields = (fields - $4::text[]) || $3::jsonb, updated_at = now()");
          input.columns().forEach((column, value) -> {
            params.add(value);
            set.append(", ").append(column).append(" = $").append(params.size());
          });
          return tx.preparedQuery("UPDATE contacts SET " + set + " WHERE account_id = $1 AND id = $2")
              .execute(Tuple.from(params))
              .compose(rows -> setGroups(tx, accountId, id, input.groups()))
              .compose(n -> get(tx, accountId, id));
        })).recover(e -> Future.failedFuture(constraint(e, input))));
  }

  /** Deletes the contact; its opt-outs stay, since they belong to the address. */
  public Future<Void> delete(long accountId, long id) {
    return pool.preparedQuery("DELETE FROM contacts WHERE account_id = $1 AND id = $2").execute(Tuple.of(accountId, id))
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Refusal.notFound("contact")) : Future.succeededFuture());
  }

  /** Opts a contact's phone or e-mail out, or back in: {"status": "opted-out" | "active", "reason"?}. */
  public Future<JsonObject> setStatus(long accountId, long id, String kind, String actor, JsonObject request) {
    if (!kind.equals("phone") && !kind.equals("email")) {
      throw Refusal.notFound("contact detail '" + kind + "'");
    }
    String status = Json.text(request, "status");
    if (!"opted-out".equals(status) && !"active".equals(status)) {
      throw Refusal.invalid("status", "status must be active or opted-out", status);
    }
    String reason = Json.text(request, "reason");
    return get(accountId, id).compose(contact -> {
      String address = contact.getString(kind);
      if (address == null) {
        return Future.failedFuture(Refusal.notFoundBecause("contact " + id + " has no " + (kind.equals("phone") ? "phone number" : "e-mail address")));
      }
      AddressKind addressKind = kind.equals("phone") ? AddressKind.PHONE : AddressKind.EMAIL;
      Future<List<String>> change = status.equals("opted-out")
          ? suppressions.suppress(pool, accountId, List.of(new Address(addressKind, address)), SuppressionSource.MANUAL, actor, reason)
          : suppressions.lift(pool, accountId, List.of(address), SuppressionSource.MANUAL, actor, reason);
      return change.compose(changed -> get(accountId, id));
    });
  }

  private Future<ContactInput> input(long accountId, JsonObject request) {
    return accounts.region(accountId).compose(region -> groups.fieldMap(accountId)
        .map(fields -> ContactInput.parse(request, fields, region)));
  }

  /** 409 naming the other contact when the phone or e-mail already belongs to one. */
  private Future<Void> conflicts(long accountId, long id, ContactInput input) {
    if (input.phone() == null && input.email() == null) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("""
            SELECT id, phone = $3 AS same_phone FROM contacts
            WHERE account_id = $1 AND id <> $2 AND (phone = $3 OR email = $4) ORDER BY phone = $3 DESC LIMIT 1""")
        .execute(Tuple.of(accountId, id, input.phone(), input.email()))
        .compose(rows -> Sql.first(rows).map(r -> {
          boolean phone = Boolean.TRUE.equals(r.getBoolean("same_phone"));
          String value = phone ? input.phone() : input.email();
          return Future.<Void>failedFuture(Refusal.conflict((phone ? "phone number " : "e-mail address ") + value + " belongs to contact " + r.getLong("id")).with("field", phone ? "phone" : "email").with("value", value).with("contactId", r.getLong("id")));
        }).orElseGet(Future::succeededFuture));
  }

  /** Makes the contact's static groups exactly these (when given). */
  private Future<Integer> setGroups(SqlClient tx, long accountId, long id, List<Long> groupIds) {
    if (groupIds == null) {
      return Future.succeededFuture(0);
    }
    return tx.preparedQuery("""
            SELECT w.id, g.type FROM unnest($2::bigint[]) AS w(id)
            LEFT JOIN contact_groups g ON g.id = w.id AND g.account_id = $1""")
        .execute(Sql.pair(accountId, groupIds.toArray(Long[]::new)))
        .compose(rows -> {
          for (Row r : rows) {
            if (r.getString("type") == null) {
              return Future.failedFuture(Refusal.notFoundBecause("group " + r.getLong("id") + " not found").with("field", "groups").with("value", r.getLong("id")));
            }
            if (r.getString("type").equals("dynamic")) {
              return Future.failedFuture(Refusal.invalid("groups", "group " + r.getLong("id")
                  + " is dynamic: its members come from its conditions", String.valueOf(r.getLong("id"))));
            }
          }
          return tx.preparedQuery("DELETE FROM group_members WHERE contact_id = $1 AND NOT (group_id = ANY($2::bigint[]))")
              .execute(Sql.pair(id, groupIds.toArray(Long[]::new)))
              .compose(v -> tx.preparedQuery("""
                      INSERT INTO group_members (group_id, contact_id) SELECT DISTINCT g, $1::bigint FROM unnest($2::bigint[]) AS g
                      ON CONFLICT DO NOTHING""")
                  .execute(Sql.pair(id, groupIds.toArray(Long[]::new))))
              .map(inserted -> inserted.rowCount());
        });
  }

  private static Throwable constraint(Throwable e, ContactInput input) {
    if (e instanceof PgException pg && pg.getConstraint() != null) {
      switch (pg.getConstraint()) {
        case "contacts_has_detail" -> {
          return Refusal.invalid("phone",
              "a contact needs at least one valid detail: a phone number or an e-mail address", null);
        }
        case "contacts_phone" -> {
          return Refusal.conflict("phone number " + input.phone()
              + " belongs to another contact").with("field", "phone").with("value", input.phone());
        }
        case "contacts_email" -> {
          return Refusal.conflict("e-mail address " + input.email()
              + " belongs to another contact").with("field", "email").with("value", input.email());
        }
        default -> {
          return e;
        }
      }
    }
    return e;
  }

  /** The ORDER BY expression for a sort key: a default field, id, createdAt, updatedAt or a custom field. */
  private static String order(String sort, Map<String, Field> fields, List<Object> params) {
    String key = sort == null || sort.isBlank() ? ContactQuery.DEFAULT_SORT : sort;
    switch (key) {
      case "id" -> {
        return "c.id";
      }
      case "createdAt" -> {
        return "c.created_at";
      }
      case "updatedAt" -> {
        return "c.updated_at";
      }
      default -> {
        Field field = fields.get(key);
        if (field == null) {
          List<String> keys = new ArrayList<>(List.of("id", "updatedAt"));
          keys.addAll(fields.keySet());
          throw Refusal.invalid("sort", "sort must be one of " + String.join(", ", keys), key);
        }
        if (field.isDefault()) {
          return field.type() == FieldType.TEXT ? "lower(c." + field.column() + ")" : "c." + field.column();
        }
        params.add(field.key());
        String value = "(c.fields ->> $" + params.size() + "::text)";
        return switch (field.type()) {
          case NUMBER -> value + "::numeric";
          case DATE -> value + "::date";
          case BOOLEAN -> value + "::boolean";
          default -> "lower" + value;
        };
      }
    }
  }

  static JsonObject json(Row r) {
    JsonArray details = new JsonArray();
    boolean active = false;
    if (r.getString("phone") != null) {
      boolean out = r.getBoolean("phone_opted_out");
      active |= !out;
      details.add(new JsonObject().put("kind", "phone").put("address", r.getString("phone"))
          .put("status", out ? "opted-out" : "active"));
    }
    if (r.getString("email") != null) {
      boolean out = r.getBoolean("email_opted_out");
      active |= !out;
      details.add(new JsonObject().put("kind", "email").put("address", r.getString("email"))
          .put("status", out ? "opted-out" : "active"));
    }
    Object fields = r.getValue("fields");
    Object groups = r.getValue("groups");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("firstName", r.getString("first_name"))
        .put("lastName", r.getString("last_name"))
        .put("phone", r.getString("phone"))
        .put("email", r.getString("email"))
        .put("timeZone", r.getString("time_zone"))
        .put("language", r.getString("language"))
        .put("fields", fields instanceof JsonObject o ? o : new JsonObject())
        .put("details", details)
        .put("active", active)
        .put("groups", groups instanceof JsonArray a ? a : new JsonArray())
        .put("createdAt", Sql.time(r.getOffsetDateTime("created_at")))
        .put("updatedAt", Sql.time(r.getOffsetDateTime("updated_at")));
  }
}
