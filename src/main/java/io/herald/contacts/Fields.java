package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The default fields and an account's custom fields (table contact_fields). */
public final class Fields {
  public static final int MAX_CUSTOM = 20;
  /** camelCase like the default fields (apptDate); lower_case keys made before stay valid. */
  private static final Pattern KEY = Pattern.compile("^[a-z][A-Za-z0-9_]{0,39}$");
  private static final int MAX_LABEL = 100;

  private final Pool pool;
  private final AccountRegions accounts;

  public Fields(Pool pool, AccountRegions accounts) {
    this.pool = pool;
    this.accounts = accounts;
  }

  /** The default fields, then the custom ones in the order they were made. */
  public Future<List<Field>> all(long accountId) {
    return all(pool, accountId);
  }

  /** As {@link #all}, for a caller naming the account: 404 when there is no such account. */
  public Future<List<Field>> list(long accountId) {
    return accounts.region(accountId).compose(r -> all(pool, accountId));
  }

  Future<List<Field>> all(SqlClient client, long accountId) {
    return client.preparedQuery("SELECT key, label, type FROM contact_fields WHERE account_id = $1 ORDER BY id")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          List<Field> fields = new ArrayList<>(Field.DEFAULTS);
          for (Row r : rows) {
            fields.add(custom(r));
          }
          return fields;
        });
  }

  public Future<Field> create(long accountId, JsonObject request) {
    String key = Json.text(request, "key");
    String label = Json.text(request, "label");
    String typeName = Json.text(request, "type");
    if (key == null || !KEY.matcher(key).matches()) {
      return Future.failedFuture(Refusal.invalid("key",
          "key must be 1 to 40 letters or digits in camelCase like apptDate, starting with a lower-case letter", key));
    }
    String plain = key.replace("_", "").toLowerCase(Locale.ROOT);
    for (Field f : Field.DEFAULTS) {
      if (f.key().toLowerCase(Locale.ROOT).equals(plain)) {
        return Future.failedFuture(Refusal.invalid("key", "'" + key + "' is a default field", key));
      }
    }
    if (plain.equals("createdat") || plain.equals("id")) {
      return Future.failedFuture(Refusal.invalid("key", "'" + key + "' is reserved", key));
    }
    FieldType type = typeName == null ? FieldType.TEXT : FieldType.customType(typeName);
    if (type == null) {
      return Future.failedFuture(Refusal.invalid("type", "type must be one of text, number, date, boolean, phone", typeName));
    }
    String checkedLabel;
    try {
      checkedLabel = label(label == null ? key : label);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return accounts.region(accountId).compose(region -> pool.withTransaction(tx -> tx
        // one custom-field change per account at a time, so the limit holds
        .preparedQuery("SELECT id FROM accounts WHERE id = $1 FOR UPDATE").execute(Tuple.of(accountId))
        .compose(locked -> tx.preparedQuery(
                "SELECT count(*), count(*) FILTER (WHERE lower(key) = lower($2)) FROM contact_fields WHERE account_id = $1")
            .execute(Tuple.of(accountId, key)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getLong(1) > 0) {
            return Future.failedFuture(Refusal.conflict("a field with key '" + key + "' already exists").with("field", "key").with("value", key));
          }
          if (r.getLong(0) >= MAX_CUSTOM) {
            return Future.failedFuture(Refusal.invalid("key", "an account has at most " + MAX_CUSTOM
                + " custom fields; delete one to add another", key));
          }
          return tx.preparedQuery("INSERT INTO contact_fields (account_id, key, label, type) VALUES ($1, $2, $3, $4)")
              .execute(Tuple.of(accountId, key, checkedLabel, type.dbName()))
              .map(new Field(key, checkedLabel, type, null));
        })));
  }

  /** Changes a custom field's label; its key and type stay, since stored values and groups depend on them. */
  public Future<Field> update(long accountId, String key, JsonObject request) {
    if (request.containsKey("type") || request.containsKey("key")) {
      return Future.failedFuture(Refusal.invalid(request.containsKey("type") ? "type" : "key",
          "a field's key and type cannot change; make a new field instead", null));
    }
    String label;
    try {
      label = label(Json.text(request, "label"));
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return pool.preparedQuery("UPDATE contact_fields SET label = $3 WHERE account_id = $1 AND key = $2 RETURNING key, label, type")
        .execute(Tuple.of(accountId, key, label))
        .compose(rows -> Sql.first(rows).map(r -> Future.succeededFuture(custom(r)))
            .orElseGet(() -> Future.failedFuture(notFound(key))));
  }

  /** Deletes a custom field and its values; refused while a dynamic group uses it. */
  public Future<Void> delete(long accountId, String key) {
    return pool.withTransaction(tx -> tx.preparedQuery(
            "SELECT id FROM contact_fields WHERE account_id = $1 AND key = $2 FOR UPDATE")
        .execute(Tuple.of(accountId, key))
        .compose(found -> {
          if (found.size() == 0) {
            return Future.failedFuture(notFound(key));
          }
          return tx.preparedQuery("""
                  SELECT name FROM contact_groups WHERE account_id = $1 AND type = 'dynamic'
                    AND conditions @> jsonb_build_array(jsonb_build_object('field', $2::text)) ORDER BY name""")
              .execute(Tuple.of(accountId, key));
        })
        .compose(groups -> {
          if (groups.size() > 0) {
            List<String> names = new ArrayList<>();
            groups.forEach(r -> names.add(r.getString(0)));
            return Future.failedFuture(Refusal.conflict("field '" + key + "' is used by dynamic group '" + String.join("', '", names)
                    + "'; change the group first").with("field", "key").with("value", key));
          }
          return tx.preparedQuery("UPDATE contacts SET fields = fields - $2 WHERE account_id = $1 AND fields ? $2")
              .execute(Tuple.of(accountId, key))
              .compose(v -> tx.preparedQuery("DELETE FROM contact_fields WHERE account_id = $1 AND key = $2")
                  .execute(Tuple.of(accountId, key)))
              .mapEmpty();
        }));
  }

  private static String label(String label) {
    if (label == null || label.isBlank()) {
      throw Refusal.invalid("label", "label is required", null);
    }
    if (label.strip().length() > MAX_LABEL) {
      throw Refusal.invalid("label", "label is longer than " + MAX_LABEL + " characters", label);
    }
    return label.strip();
  }

  private static Refusal notFound(String key) {
    return Refusal.notFoundBecause("custom field '" + key + "' not found");
  }

  private static Field custom(Row r) {
    return new Field(r.getString("key"), r.getString("label"), FieldType.fromDb(r.getString("type")), null);
  }
}
