package io.herald.broadcasts;

import io.herald.accounts.SenderSettings;
import io.herald.accounts.Senders;
import io.herald.contacts.Field;
import io.herald.contacts.Fields;
import io.herald.errors.Refusal;
import io.herald.ingest.Template;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Saved messages (table sms_library): a name, a text with contact-field placeholders (~firstName~,
 * a custom field's key, ~field|fallback~) and a sender. A message is saved even when it has
 * errors (empty, a placeholder no field has, too long, a sender that is gone): it is shown with
 * them, and cannot be sent until they are fixed.
 */
public final class SmsLibrary {
  private static final int MAX_NAME = 100;
  private static final int MAX_TEXT = 2_000;
  private static final String COLUMNS = "id, name, text, sender, created_by, created_at, updated_at";

  /** A saved message and what keeps it from being sent (empty when nothing does). */
  record Message(long id, String name, String text, String sender, List<String> errors, EncodedText encoded) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name).put("text", text).put("sender", sender)
          .put("errors", new JsonArray(errors)).put("withErrors", !errors.isEmpty())
          .put("encoding", encoded.encoding().name()).put("parts", encoded.segments()).put("characters", encoded.units());
    }
  }

  private final Pool pool;
  private final Fields fields;
  private final Senders senders;
  private final int maxParts;

  SmsLibrary(Pool pool, Fields fields, Senders senders, int maxParts) {
    this.pool = pool;
    this.fields = fields;
    this.senders = senders;
    this.maxParts = maxParts;
  }

  public Future<JsonObject> list(long accountId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sms_library WHERE account_id = $1 ORDER BY lower(name)")
        .execute(Tuple.of(accountId))
        .compose(rows -> checker(accountId).map(check -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(check.message(r).toJson()));
          return new JsonObject().put("messages", list);
        }));
  }

  public Future<JsonObject> get(long accountId, long id) {
    return find(accountId, id).map(Message::toJson);
  }

  Future<Message> find(long accountId, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sms_library WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Refusal.notFound("message"));
          }
          Row r = rows.iterator().next();
          return checker(accountId).map(check -> check.message(r));
        });
  }

  public Future<JsonObject> create(long accountId, String by, JsonObject body) {
    Input in = Input.of(body);
    return named(pool.preparedQuery("INSERT INTO sms_library (account_id, name, text, sender, created_by)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(accountId, in.name(), in.text(), in.sender(), by)), in.name())
        .compose(rows -> get(accountId, rows.iterator().next().getLong(0)));
  }

  public Future<JsonObject> update(long accountId, long id, JsonObject body) {
    Input in = Input.of(body);
    return named(pool.preparedQuery("UPDATE sms_library SET name = $3, text = $4, sender = $5, updated_at = now()"
            + " WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id, in.name(), in.text(), in.sender())), in.name())
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Refusal.notFound("message")) : get(accountId, id));
  }

  public Future<Void> delete(long accountId, long id) {
    return pool.preparedQuery("DELETE FROM sms_library WHERE account_id = $1 AND id = $2").execute(Tuple.of(accountId, id))
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Refusal.notFound("message")) : Future.succeededFuture());
  }

  private static <T> Future<T> named(Future<T> written, String name) {
    return written.recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Refusal.conflict("a message named '" + name + "' already exists") : e));
  }

  /** What the account's fields and senders are now, to check messages against. */
  private Future<Checker> checker(long accountId) {
    return Future.all(fields.all(accountId), senders.list(accountId)).map(all -> {
      List<Field> known = all.resultAt(0);
      List<SenderSettings> from = all.resultAt(1);
      return new Checker(known.stream().map(f -> f.key().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
          from.stream().map(SenderSettings::address).collect(Collectors.toSet()),
          from.stream().anyMatch(SenderSettings::isDefault));
    });
  }

  /** The rules a message is checked by. */
  private final class Checker {
    private final Set<String> fieldKeys;
    private final Set<String> senderAddresses;
    private final boolean hasDefault;

    Checker(Set<String> fieldKeys, Set<String> senderAddresses, boolean hasDefault) {
      this.fieldKeys = fieldKeys;
      this.senderAddresses = senderAddresses;
      this.hasDefault = hasDefault;
    }

    Message message(Row r) {
      String text = r.getString("text");
      String sender = r.getString("sender");
      List<String> errors = new ArrayList<>();
      if (text.isBlank()) {
        errors.add("the message is empty");
      }
      try {
        for (String label : Template.parse(text).labels()) {
          if (!fieldKeys.contains(label)) {
            errors.add("~" + label + "~ is not a contact field of this account");
          }
        }
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage().replace("template: ", ""));
      }
      EncodedText encoded = TextEncoder.encode(text);
      if (encoded.segments() > maxParts) {
        errors.add("the message is too long: " + encoded.segments() + " parts of " + encoded.encoding().name()
            + ", the maximum is " + maxParts);
      }
      if (sender != null && !senderAddresses.contains(sender)) {
        errors.add("the sender " + sender + " is not one of this account's senders");
      } else if (sender == null && !hasDefault) {
        errors.add("the account has no default sender: choose a sender for the message");
      }
      return new Message(r.getLong("id"), r.getString("name"), text, sender, List.copyOf(errors), encoded);
    }
  }

  /** A message as the API gives it. */
  private record Input(String name, String text, String sender) {
    static Input of(JsonObject body) {
      String name = body.getValue("name") instanceof String s ? s.strip() : null;
      if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
        throw Refusal.invalid("name", "name the message (at most " + MAX_NAME + " characters)", body.getValue("name"));
      }
      Object text = body.getValue("text");
      if (text != null && !(text instanceof String)) {
        throw Refusal.invalid("text", "text must be a string", String.valueOf(text));
      }
      String t = text == null ? "" : (String) text;
      if (t.length() > MAX_TEXT) {
        throw Refusal.invalid("text", "text is longer than " + MAX_TEXT + " characters", null);
      }
      String sender = body.getValue("sender") instanceof String s && !s.isBlank() ? s.strip() : null;
      return new Input(name, t, sender);
    }
  }
}
