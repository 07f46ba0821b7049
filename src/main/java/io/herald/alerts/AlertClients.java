package io.herald.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The clients with a booked appointment in a range: one each, however many appointments their patients have. */
final class AlertClients {
  record Client(String name, String phone) {}

  record Found(List<Client> textable, List<Client> unreachable, long appointments, Instant first, Instant last) {}

  private final Pool pool;

  AlertClients(Pool pool) {
    this.pool = pool;
  }

  Future<Found> in(long accountId, Instant from, Instant to) {
    return pool.preparedQuery("""
            SELECT phone, (array_agg(client_name ORDER BY start_at))[1] AS name,
                   (array_agg(phone_given ORDER BY start_at))[1] AS given, count(*) AS n,
                   min(start_at) AS first, max(start_at) AS last
            FROM appointments WHERE account_id = $1 AND status = 'booked' AND start_at >= $2 AND start_at < $3
            GROUP BY phone, CASE WHEN phone IS NULL THEN client_name END ORDER BY min(start_at)""")
        .execute(Tuple.of(accountId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          List<Client> textable = new ArrayList<>();
          List<Client> unreachable = new ArrayList<>();
          long appointments = 0;
          Instant first = null;
          Instant last = null;
          for (var r : rows) {
            appointments += r.getLong("n");
            Instant f = r.getOffsetDateTime("first").toInstant();
            Instant l = r.getOffsetDateTime("last").toInstant();
            first = first == null || f.isBefore(first) ? f : first;
            last = last == null || l.isAfter(last) ? l : last;
            if (r.getString("phone") == null) {
              unreachable.add(new Client(r.getString("name"), r.getString("given")));
            } else {
              textable.add(new Client(r.getString("name"), r.getString("phone")));
            }
          }
          return new Found(textable, unreachable, appointments, first, last);
        });
  }
}
