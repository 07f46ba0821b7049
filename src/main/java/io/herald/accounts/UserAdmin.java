package io.herald.accounts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Managing users: account admins manage their own account's admins and users; operators manage
 * everyone. A user outside the caller's reach is "not found", never "forbidden".
 */
public final class UserAdmin {
  static final int MIN_PASSWORD = 10;
  private static final String COLUMNS = "id, account_id, email, role, created_at";

  private final Vertx vertx;
  private final Pool pool;

  public UserAdmin(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Operators see every user, or one account's with accountFilter; admins their own account's. */
  public Future<JsonArray> list(Principal caller, Long accountFilter) {
    Long account = caller.isOperator() ? accountFilter : caller.accountId();
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE ($1::bigint IS NULL OR account_id = $1) ORDER BY id")
        .execute(Tuple.of(account))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(json(r)));
          return list;
        });
  }

  public Future<JsonObject> get(Principal caller, long id) {
    return visible(caller, id).map(UserAdmin::json);
  }

  /** {"email", "password", "role": "admin"|"user" (operators also "operator"), "account" (operators)}. */
  public Future<JsonObject> create(Principal caller, JsonObject body) {
    String email = email(body.getValue("email"));
    String password = password(body.getValue("password"));
    Role role = role(caller, body.getValue("role"));
    Long account = role == Role.OPERATOR ? null : caller.isOperator() ? accountOf(body.getValue("account")) : caller.accountId();
    Future<Void> accountExists = account == null ? Future.succeededFuture()
        : pool.preparedQuery("SELECT 1 FROM accounts WHERE id = $1").execute(Tuple.of(account)).compose(rows ->
            rows.size() == 0 ? Future.failedFuture(Refusal.invalid("account", "no such account", account))
                : Future.succeededFuture());
    return accountExists
        .compose(v -> vertx.executeBlocking(() -> PasswordHasher.hash(password), false))
        .compose(hash -> pool.preparedQuery("INSERT INTO users (account_id, email, email_key, password_hash, role)"
                + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
            .execute(Tuple.of(account, email, EmailKey.of(email), hash, role.dbName())))
        .map(rows -> json(rows.iterator().next()))
        .recover(UserAdmin::duplicateEmail);
  }

  /** {"role"?, "password"?}: a new password ends the user's other sessions. */
  public Future<JsonObject> update(Principal caller, long id, JsonObject body) {
    return visible(caller, id).compose(row -> {
      Role current = Role.fromDb(row.getString("role"));
      Role role = body.getValue("role") == null ? current : role(caller, body.getValue("role"));
      if (role != current && id == caller.userId()) {
        return Future.failedFuture(conflict("you cannot change your own role"));
      }
      if ((role == Role.OPERATOR) != (current == Role.OPERATOR)) {
        return Future.failedFuture(Refusal.invalid("role",
            "an operator stays an operator and an account user stays in its account; create a new user instead", body.getValue("role")));
      }
      String password = body.getValue("password") == null ? null : password(body.getValue("password"));
      Future<String> hash = password == null ? Future.succeededFuture(null)
          : vertx.executeBlocking(() -> PasswordHasher.hash(password), false);
      return hash.compose(h -> pool.withTransaction(tx -> tx.preparedQuery(
                  "UPDATE users SET role = $2, password_hash = coalesce($3, password_hash) WHERE id = $1 RETURNING " + COLUMNS)
              .execute(Tuple.of(id, role.dbName(), h))
              .compose(rows -> h == null ? Future.succeededFuture(rows)
                  : tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id)).map(rows))))
          .map(rows -> json(rows.iterator().next()));
    });
  }

  public Future<Void> delete(Principal caller, long id) {
    if (id == caller.userId()) {
      return Future.failedFuture(conflict("you cannot delete yourself"));
    }
    return visible(caller, id).compose(row -> pool.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(id)))
        .mapEmpty();
  }

  /** The user's row when the caller may manage it; "user not found" otherwise. */
  private Future<Row> visible(Principal caller, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1").execute(Tuple.of(id)).compose(rows -> {
      Optional<Row> row = rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
      if (row.isEmpty() || !(caller.isOperator() || caller.accountId().equals(row.get().getLong("account_id")))) {
        return Future.failedFuture(Refusal.notFound("user"));
      }
      return Future.succeededFuture(row.get());
    });
  }

  private static Role role(Principal caller, Object given) {
    if (given instanceof String s) {
      for (Role r : Role.values()) {
        if (r.dbName().equals(s) && (r != Role.OPERATOR || caller.isOperator())) {
          return r;
        }
      }
    }
    throw Refusal.invalid("role", caller.isOperator() ? "role must be admin, user or operator"
        : "role must be admin or user", given);
  }

  private static String email(Object given) {
    if (!(given instanceof String s) || s.isBlank()) {
      throw Refusal.invalid("email", "email is required", given);
    }
    String email = s.strip();
    int at = email.indexOf('@');
    if (email.length() > 254 || at < 1 || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
      throw Refusal.invalid("email", "not an e-mail address", given);
    }
    return email;
  }

  private static String password(Object given) {
    if (!(given instanceof String s) || s.length() < MIN_PASSWORD) {
      throw Refusal.invalid("password", "password must be at least " + MIN_PASSWORD + " characters", null);
    }
    return s;
  }

  private static Long accountOf(Object given) {
    if (given instanceof Number n) {
      return n.longValue();
    }
    throw Refusal.invalid("account", "operators name the new user's account (an id)", given);
  }

  private static <T> Future<T> duplicateEmail(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(conflict("a user with this e-mail already exists"));
    }
    return Future.failedFuture(e);
  }

  private static Refusal conflict(String error) {
    return Refusal.conflict(error);
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("email", r.getString("email"))
        .put("role", r.getString("role"))
        .put("account", r.getLong("account_id"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }
}
