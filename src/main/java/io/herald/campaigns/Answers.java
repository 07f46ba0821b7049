package io.herald.campaigns;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Messaging answers: reusable texts per language, checked when saved. Owns the answers table. */
public final class Answers {
  private static final String COLUMNS = "id, account_id, name, language, body, created_at, updated_at";
  private final Pool pool;
  private final int maxParts;

  public Answers(Pool pool, int maxParts) {
    this.pool = pool;
    this.maxParts = maxParts;
  }

  public JsonObject check(String text) {
    try {
      return AnswerCheck.of(text, maxParts).toJson();
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("text", e.getMessage(), null);
    }
  }

  public Future<List<JsonObject>> list(long accountId, String language) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM answers WHERE account_id = $1 AND ($2::text IS NULL OR language = $2)"
            + " ORDER BY language, name")
        .execute(Tuple.of(accountId, language))
        .map(rows -> {
          List<JsonObject> answers = new ArrayList<>();
          rows.forEach(r -> answers.add(json(answer(r))));
          return answers;
        });
  }

  public Future<JsonObject> get(long accountId, long id) {
    return find(accountId, id).map(this::json);
  }

  Future<Answer> find(long accountId, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM answers WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(id, accountId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Refusal.notFound("answer");
          }
          return answer(rows.iterator().next());
        });
  }

  public Future<JsonObject> create(long accountId, JsonObject body) {
    String name = name(body.getValue("name"));
    String language = language(body.getValue("language"));
    String text = text(body.getValue("text"));
    return pool.preparedQuery("INSERT INTO answers (account_id, name, language, body) VALUES ($1, $2, $3, $4)"
            + " ON CONFLICT (account_id, language, name) DO NOTHING RETURNING " + COLUMNS)
        .execute(Tuple.of(accountId, name, language, text))
        .map(rows -> {
          if (rows.size() == 0) {
            throw taken(name, language);
          }
          return json(answer(rows.iterator().next()));
        });
  }

  public Future<JsonObject> change(long accountId, long id, JsonObject body) {
    return find(accountId, id).compose(old -> {
      String name = body.containsKey("name") ? name(body.getValue("name")) : old.name();
      String language = body.containsKey("language") ? language(body.getValue("language")) : old.language();
      String text = body.containsKey("text") ? text(body.getValue("text")) : old.text();
      return pool.preparedQuery("UPDATE answers SET name = $3, language = $4, body = $5, updated_at = now()"
              + " WHERE id = $1 AND account_id = $2 AND NOT EXISTS (SELECT 1 FROM answers o WHERE o.account_id = $2"
              + " AND o.language = $4 AND o.name = $3 AND o.id <> $1) RETURNING " + COLUMNS)
          .execute(Tuple.of(id, accountId, name, language, text))
          .map(rows -> {
            if (rows.size() == 0) {
              throw taken(name, language);
            }
            return json(answer(rows.iterator().next()));
          });
    });
  }

  public Future<Void> delete(long accountId, long id) {
    return pool.preparedQuery("SELECT name FROM campaigns WHERE answer_id = $1 AND account_id = $2 AND state <> 'archived' LIMIT 1")
        .execute(Tuple.of(id, accountId))
        .compose(used -> {
          if (used.size() > 0) {
            return Future.failedFuture(Refusal.conflict("the answer is used by the campaign '"
                + used.iterator().next().getString(0) + "'"));
          }
          return pool.preparedQuery("DELETE FROM answers a WHERE id = $1 AND account_id = $2"
                  + " AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.answer_id = a.id)")
              .execute(Tuple.of(id, accountId))
              .compose(rows -> rows.rowCount() > 0 ? Future.<Void>succeededFuture()
                  : find(accountId, id).compose(a -> Future.failedFuture(
                      Refusal.conflict("the answer is kept for the archived campaigns that used it"))));
        });
  }

  private static Refusal taken(String name, String language) {
    return Refusal.conflict("an answer named '" + name + "' in " + language + " already exists");
  }

  private static String name(Object value) {
    if (!(value instanceof String s) || s.isBlank() || s.length() > 200) {
      throw Refusal.invalid("name", "name must be text of 1 to 200 characters", value);
    }
    return s.strip();
  }

  private static String language(Object value) {
    if (!(value instanceof String s) || !AnswerCheck.isLanguage(s.strip())) {
      throw Refusal.invalid("language", "language must be a language tag like en, es or fr-CA", value);
    }
    return s.strip();
  }

  private String text(Object value) {
    if (!(value instanceof String s)) {
      throw Refusal.invalid("text", "text is missing", value);
    }
    check(s);
    return s;
  }

  private JsonObject json(Answer a) {
    return check(a.text()).put("id", a.id()).put("name", a.name()).put("language", a.language()).put("text", a.text())
        .put("createdAt", a.createdAt().toString()).put("updatedAt", a.updatedAt().toString());
  }

  private static Answer answer(Row r) {
    return new Answer(r.getLong("id"), r.getLong("account_id"), r.getString("name"), r.getString("language"),
        r.getString("body"), r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant());
  }
}
