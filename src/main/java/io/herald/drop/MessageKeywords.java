package io.herald.drop;

import io.herald.errors.Refusal;
import io.herald.ingest.Template;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Message keywords (not the reply keywords STOP / START / HELP of contacts.ReplyKeywords): keywords of mobile campaigns and their numbered messages (#001, #002, ...). A drop file's keyword
 * column picks a keyword; the row is sent that keyword's welcome message, #001, whose ~label~
 * placeholders are filled from the row's custom fields.
 */
public final class MessageKeywords {
  private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9]{1,30}");
  private static final int MAX_MESSAGES = 999;
  private static final int MAX_TEXT = 1600;

  private final MessageKeywordStore store;

  public MessageKeywords(MessageKeywordStore store) {
    this.store = store;
  }

  /** #001 for 1. */
  static String number(int n) {
    return String.format("#%03d", n);
  }

  public Future<JsonArray> list(long accountId) {
    return store.list(accountId);
  }

  public Future<JsonObject> get(long accountId, long id) {
    return store.find(accountId, id).map(k -> k.orElseThrow(() -> Refusal.notFound("keyword")));
  }

  public Future<JsonObject> create(long accountId, JsonObject request) {
    Input input;
    try {
      input = input(request);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return taken(store.insert(accountId, input.keyword, input.messages), input.keyword)
        .compose(id -> get(accountId, id));
  }

  public Future<JsonObject> replace(long accountId, long id, JsonObject request) {
    Input input;
    try {
      input = input(request);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return taken(store.update(accountId, id, input.keyword, input.messages), input.keyword)
        .compose(found -> found ? get(accountId, id) : Future.failedFuture(Refusal.notFound("keyword")));
  }

  public Future<Void> delete(long accountId, long id) {
    return store.delete(accountId, id)
        .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(Refusal.notFound("keyword")));
  }

  private record Input(String keyword, List<String> messages) {}

  private static Input input(JsonObject request) {
    for (String key : request.fieldNames()) {
      if (!Set.of("keyword", "messages", "id", "createdAt", "updatedAt").contains(key)) {
        throw Refusal.invalid(key, "unknown field " + key, null);
      }
    }
    Object keyword = request.getValue("keyword");
    if (!(keyword instanceof String k) || !KEYWORD.matcher(k.strip()).matches()) {
      throw Refusal.invalid("keyword", "keyword must be 1 to 30 letters or digits", keyword == null ? null : String.valueOf(keyword));
    }
    Object given = request.getValue("messages");
    if (!(given instanceof JsonArray list) || list.isEmpty()) {
      throw Refusal.invalid("messages", "messages must list the keyword's texts, #001 first", null);
    }
    if (list.size() > MAX_MESSAGES) {
      throw Refusal.invalid("messages", "at most " + MAX_MESSAGES + " messages", null);
    }
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.getValue(i);
      // a message is given as its text, or as {"text": ...} the way GET shows it
      String text = item instanceof JsonObject o ? o.getString("text") : item instanceof String s ? s : null;
      String field = "messages." + i;
      if (text == null || text.isBlank()) {
        throw Refusal.invalid(field, "message " + number(i + 1) + " is empty", null);
      }
      if (text.length() > MAX_TEXT) {
        throw Refusal.invalid(field, "message " + number(i + 1) + " is longer than " + MAX_TEXT + " characters", null);
      }
      try {
        Template.parse(text);
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid(field, "message " + number(i + 1) + ": " + e.getMessage(), text);
      }
      messages.add(text);
    }
    return new Input(((String) keyword).strip(), List.copyOf(messages));
  }

  private static <T> Future<T> taken(Future<T> write, String keyword) {
    return write.recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(Refusal.conflict("keyword " + keyword
            + " already exists in this account").with("field", "keyword").with("value", keyword))
        : Future.failedFuture(e));
  }
}
