package io.herald.drop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SQL for keywords and their numbered messages. */
public final class MessageKeywordStore {
  private static final String COLUMNS = "id, keyword, messages, created_at, updated_at";
  private final Pool pool;

  public MessageKeywordStore(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> list(long accountId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM keywords WHERE account_id = $1 ORDER BY upper(keyword)")
        .execute(Tuple.of(accountId)).map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(json(r)));
          return list;
        });
  }

  public Future<Optional<JsonObject>> find(long accountId, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM keywords WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(id, accountId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(json(rows.iterator().next())));
  }

  public Future<Long> insert(long accountId, String keyword, List<String> messages) {
    return pool.preparedQuery("INSERT INTO keywords (account_id, keyword, messages) VALUES ($1, $2, $3) RETURNING id")
        .execute(Tuple.of(accountId, keyword, messages.toArray(String[]::new)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Boolean> update(long accountId, long id, String keyword, List<String> messages) {
    return pool.preparedQuery("""
            UPDATE keywords SET keyword = $3, messages = $4, updated_at = now() WHERE id = $1 AND account_id = $2""")
        .execute(Tuple.of(id, accountId, keyword, messages.toArray(String[]::new))).map(rows -> rows.rowCount() > 0);
  }

  public Future<Boolean> delete(long accountId, long id) {
    return pool.preparedQuery("DELETE FROM keywords WHERE id = $1 AND account_id = $2").execute(Tuple.of(id, accountId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Each keyword of the account (upper case) with its message #001. */
  public Future<Map<String, String>> firstMessages(long accountId) {
    return pool.preparedQuery("SELECT upper(keyword), messages[1] FROM keywords WHERE account_id = $1")
        .execute(Tuple.of(accountId)).map(rows -> {
          Map<String, String> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0).toUpperCase(Locale.ROOT), r.getString(1)));
          return map;
        });
  }

  private static JsonObject json(Row r) {
    JsonArray messages = new JsonArray();
    String[] texts = r.getArrayOfStrings("messages");
    List<String> list = texts == null ? List.of() : new ArrayList<>(List.of(texts));
    for (int i = 0; i < list.size(); i++) {
      messages.add(new JsonObject().put("number", MessageKeywords.number(i + 1)).put("text", list.get(i)));
    }
    return new JsonObject().put("id", r.getLong("id")).put("keyword", r.getString("keyword")).put("messages", messages)
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
