package io.herald.notify;

import io.herald.accounts.EmailKey;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who gets which notification: per account, the addresses and the kinds turned off; per user, the
 * kinds they do not want (operators' notices go to every operator who has not turned them off).
 * Owns notification_settings and notification_mutes.
 */
public final class Recipients {
  static final int MAX_RECIPIENTS = 20;
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");

  private final Pool pool;

  public Recipients(Pool pool) {
    this.pool = pool;
  }

  public Future<NotificationSettings> settings(long accountId) {
    return pool.preparedQuery("SELECT recipients, turned_off FROM notification_settings WHERE account_id = $1")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          if (rows.size() == 0) {
            return new NotificationSettings(List.of(), events(Set.of()));
          }
          var r = rows.iterator().next();
          return new NotificationSettings(List.of(r.getArrayOfStrings("recipients")),
              events(Set.of(r.getArrayOfStrings("turned_off"))));
        });
  }

  /**
   * Changes the account's settings: recipients (null: as they were) replace the list; a kind left
   * out of events keeps what it was.
   */
  public Future<NotificationSettings> save(long accountId, List<String> recipients, Map<String, Boolean> events) {
    Set<String> addresses = new LinkedHashSet<>();
    for (String given : recipients == null ? List.<String>of() : recipients) {
      String address = given == null ? "" : given.strip();
      if (!ADDRESS.matcher(address).matches()) {
        throw Refusal.invalid("recipients", "'" + given + "' is not an e-mail address", given);
      }
      addresses.add(EmailKey.of(address));
    }
    if (addresses.size() > MAX_RECIPIENTS) {
      throw Refusal.invalid("recipients", "at most " + MAX_RECIPIENTS + " recipients, got " + addresses.size(), null);
    }
    for (String kind : events.keySet()) {
      if (NotificationKind.byKey(kind).filter(k -> NotificationKind.choosable(false).contains(k)).isEmpty()) {
        throw Refusal.invalid("events", "unknown notification '" + kind + "'; known: " + String.join(", ",
            NotificationKind.choosable(false).stream().map(NotificationKind::key).toList()), kind);
      }
    }
    return settings(accountId).compose(before -> {
      Set<String> off = new HashSet<>();
      before.events().forEach((k, on) -> {
        if (!on) {
          off.add(k.key());
        }
      });
      events.forEach((k, on) -> {
        if (on) {
          off.remove(k);
        } else {
          off.add(k);
        }
      });
      return pool.preparedQuery("""
              INSERT INTO notification_settings (account_id, recipients, turned_off) VALUES ($1, $2, $3)
              ON CONFLICT (account_id) DO UPDATE SET recipients = $2, turned_off = $3, updated_at = now()""")
          .execute(Tuple.of(accountId, (recipients == null ? before.recipients() : List.copyOf(addresses))
              .toArray(String[]::new), off.toArray(String[]::new)));
    }).compose(v -> settings(accountId));
  }

  /** The kinds this user turned off for themselves. */
  public Future<Set<NotificationKind>> muted(long userId) {
    return pool.preparedQuery("SELECT kind FROM notification_mutes WHERE user_id = $1").execute(Tuple.of(userId))
        .map(rows -> {
          Set<NotificationKind> kinds = new HashSet<>();
          rows.forEach(r -> NotificationKind.byKey(r.getString(0)).ifPresent(kinds::add));
          return kinds;
        });
  }

  public Future<Set<NotificationKind>> mute(long userId, List<String> kinds) {
    for (String kind : kinds) {
      if (NotificationKind.byKey(kind).filter(k -> k != NotificationKind.TEST).isEmpty()) {
        throw Refusal.invalid("muted", "unknown notification '" + kind + "'", kind);
      }
    }
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM notification_mutes WHERE user_id = $1")
            .execute(Tuple.of(userId))
            .compose(v -> tx.preparedQuery("INSERT INTO notification_mutes (user_id, kind) SELECT $1, k FROM unnest($2::text[]) k")
                .execute(Tuple.tuple().addLong(userId).addArrayOfString(new LinkedHashSet<>(kinds).toArray(String[]::new)))))
        .compose(v -> muted(userId));
  }

  /** The addresses an account's notification of this kind goes to now. */
  Future<List<String>> forAccount(long accountId, NotificationKind kind) {
    return pool.preparedQuery("""
            SELECT r FROM notification_settings s, unnest(s.recipients) AS r
            WHERE s.account_id = $1 AND (NOT ($2 = ANY (s.turned_off)) OR $2 = 'test')
              AND NOT EXISTS (SELECT 1 FROM users u JOIN notification_mutes m ON m.user_id = u.id
                              WHERE u.email_key = r AND m.kind = $2)""")
        .execute(Tuple.of(accountId, kind.key())).map(Recipients::addresses);
  }

  /** Every operator who has not turned this kind off. */
  Future<List<String>> operators(NotificationKind kind) {
    return pool.preparedQuery("""
            SELECT u.email FROM users u WHERE u.role = 'operator'
              AND NOT EXISTS (SELECT 1 FROM notification_mutes m WHERE m.user_id = u.id AND m.kind = $1)
            ORDER BY u.id""")
        .execute(Tuple.of(kind.key())).map(Recipients::addresses);
  }

  private static List<String> addresses(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    List<String> list = new ArrayList<>();
    rows.forEach(r -> list.add(r.getString(0)));
    return list;
  }

  private static Map<NotificationKind, Boolean> events(Set<String> off) {
    Map<NotificationKind, Boolean> events = new EnumMap<>(NotificationKind.class);
    Arrays.stream(NotificationKind.values()).filter(k -> NotificationKind.choosable(false).contains(k))
        .forEach(k -> events.put(k, !off.contains(k.key())));
    return events;
  }
}
