package io.herald.contacts;

import io.herald.contacts.Addresses.Address;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opted-out addresses (table suppressions: a row exactly while the address is opted out) and their
 * history (suppression_events). Every change is one statement for the whole batch, and writes its
 * history in the same statement; an address already in the state asked for changes nothing.
 */
public final class Suppressions {
  private static final String SUPPRESS = """
      WITH a AS (SELECT DISTINCT ON (address) address, kind FROM unnest($2::text[], $3::text[]) AS a(address, kind)),
      ins AS (
        INSERT INTO suppressions (account_id, address, kind, source, actor, reason)
        SELECT $1, address, kind, $4, $5, $6 FROM a
        ON CONFLICT (account_id, address) DO NOTHING
        RETURNING address),
      ev AS (
        INSERT INTO suppression_events (account_id, address, action, source, actor, reason)
        SELECT $1, address, 'opted-out', $4, $5, $6 FROM ins)
      SELECT address FROM ins""";

  private static final String LIFT = """
      WITH del AS (
        DELETE FROM suppressions WHERE account_id = $1 AND address = ANY($2::text[])
        RETURNING address),
      ev AS (
        INSERT INTO suppression_events (account_id, address, action, source, actor, reason)
        SELECT $1, address, 'opted-in', $3, $4, $5 FROM del)
      SELECT address FROM del""";

  private final Pool pool;

  public Suppressions(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** Opts addresses out; completes with those that were not opted out before. */
  public Future<List<String>> suppress(SqlClient client, long accountId, List<Address> addresses,
                                       SuppressionSource source, String actor, String reason) {
    if (addresses.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String[] values = addresses.stream().map(Address::value).toArray(String[]::new);
    String[] kinds = addresses.stream().map(a -> a.kind().dbName()).toArray(String[]::new);
    return client.preparedQuery(SUPPRESS)
        .execute(Tuple.of(accountId, values, kinds, source.dbName(), actor, reason))
        .map(Suppressions::addresses);
  }

  /** Takes opt-outs back; completes with the addresses that were opted out. */
  public Future<List<String>> lift(SqlClient client, long accountId, List<String> addresses,
                                   SuppressionSource source, String actor, String reason) {
    if (addresses.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client.preparedQuery(LIFT)
        .execute(Tuple.of(accountId, addresses.toArray(String[]::new), source.dbName(), actor, reason))
        .map(Suppressions::addresses);
  }

  /** Which of these addresses are opted out. */
  public Future<List<String>> suppressed(SqlClient client, long accountId, List<String> addresses) {
    return client.preparedQuery("SELECT address FROM suppressions WHERE account_id = $1 AND address = ANY($2::text[])")
        .execute(Sql.pair(accountId, addresses.toArray(String[]::new)))
        .map(Suppressions::addresses);
  }

  /** A page of opt-outs, newest first, optionally only addresses containing {@code search}. */
  public Future<JsonObject> list(long accountId, String search, Paging paging) {
    return pool.preparedQuery("""
            WITH f AS (
              SELECT address, kind, source, actor, reason, created_at FROM suppressions
              WHERE account_id = $1 AND ($2::text IS NULL OR strpos(address, lower($2)) > 0))
            SELECT t.total, p.* FROM (SELECT count(*) AS total FROM f) t
            LEFT JOIN LATERAL (SELECT * FROM f ORDER BY created_at DESC, address LIMIT $3 OFFSET $4) p ON true""")
        .execute(Tuple.of(accountId, search == null || search.isBlank() ? null : search.strip(), paging.size(),
            paging.offset()))
        .map(rows -> {
          JsonArray list = new JsonArray();
          long total = 0;
          for (Row r : rows) {
            total = r.getLong("total");
            if (r.getString("address") == null) {
              continue; // past the last page: only the total
            }
            list.add(new JsonObject()
                .put("address", r.getString("address"))
                .put("kind", r.getString("kind"))
                .put("source", r.getString("source"))
                .put("actor", r.getString("actor"))
                .put("reason", r.getString("reason"))
                .put("since", Sql.time(r.getOffsetDateTime("created_at"))));
          }
          return paging.page(total).put("optOuts", list);
        });
  }

  /** The address's state and every change to it, oldest first; empty when it never had any. */
  public Future<JsonObject> history(long accountId, String address) {
    return pool.preparedQuery("""
            SELECT action, source, actor, reason, at,
                   EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = $1 AND s.address = $2) AS opted_out
            FROM suppression_events WHERE account_id = $1 AND address = $2 ORDER BY id""")
        .execute(Tuple.of(accountId, address))
        .map(rows -> {
          JsonArray events = new JsonArray();
          boolean optedOut = false;
          for (Row r : rows) {
            optedOut = r.getBoolean("opted_out");
            events.add(new JsonObject()
                .put("at", Sql.time(r.getOffsetDateTime("at")))
                .put("action", r.getString("action"))
                .put("source", r.getString("source"))
                .put("actor", r.getString("actor"))
                .put("reason", r.getString("reason")));
          }
          return events.isEmpty() ? null : new JsonObject().put("address", address)
              .put("status", optedOut ? "opted-out" : "active").put("history", events);
        });
  }

  private static List<String> addresses(Iterable<Row> rows) {
    List<String> list = new ArrayList<>();
    rows.forEach(r -> list.add(r.getString(0)));
    return list;
  }

  /** Distinct addresses in input order. */
  static List<Address> distinct(List<Address> addresses) {
    Map<String, Address> byValue = new LinkedHashMap<>();
    addresses.forEach(a -> byValue.putIfAbsent(a.value(), a));
    return new ArrayList<>(byValue.values());
  }
}
