package io.herald.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Accounts as the admin UI shows them: id, name, time zone. */
public final class AccountList {
  private final Pool pool;

  public AccountList(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> all() {
    return pool.query("SELECT id, name, time_zone FROM accounts ORDER BY id").execute().map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(json(r)));
      return list;
    });
  }

  public Future<JsonObject> one(long id) {
    return pool.preparedQuery("SELECT id, name, time_zone FROM accounts WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("timeZone", r.getString("time_zone"));
  }
}
