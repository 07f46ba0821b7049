package io.herald.campaigns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only figures over the campaign's texts and the replies to them: who answered (a reply from
 * the recipient to the campaign's number after the text was written), and delivery status by hour.
 */
final class CampaignActivity {
  private final Pool pool;

  CampaignActivity(Pool pool) {
    this.pool = pool;
  }

  /** Per job, the recipients who replied. */
  Future<Map<Long, Long>> replied(List<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("""
            SELECT m.job_id, count(DISTINCT m.recipient) AS n FROM messages m
            WHERE m.job_id = ANY($1) AND m.state IN ('submitted', 'delivered', 'undeliverable', 'unknown')
              AND EXISTS (SELECT 1 FROM inbound_messages i
                          WHERE i.recipient = m.sender AND i.sender = m.recipient AND i.received_at >= m.created_at)
            GROUP BY m.job_id""")
        .execute(Tuple.of(jobIds.toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, Long> replied = new HashMap<>();
          rows.forEach(r -> replied.put(r.getLong("job_id"), r.getLong("n")));
          return replied;
        });
  }

  /** Texts by the hour of their last change: sent (submitted or further), delivered, failed. */
  Future<JsonArray> hourly(List<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    return pool.preparedQuery("""
            SELECT date_trunc('hour', updated_at) AS at,
                   count(*) FILTER (WHERE state IN ('submitted', 'delivered', 'undeliverable', 'unknown')) AS sent,
                   count(*) FILTER (WHERE state = 'delivered') AS delivered,
                   count(*) FILTER (WHERE state IN ('failed', 'undeliverable')) AS failed
            FROM messages WHERE job_id = ANY($1) AND state NOT IN ('queued', 'sending')
            GROUP BY 1 ORDER BY 1""")
        .execute(Tuple.of(jobIds.toArray(Long[]::new)))
        .map(rows -> {
          JsonArray hours = new JsonArray();
          rows.forEach(r -> hours.add(new JsonObject().put("at", r.getOffsetDateTime("at").toInstant().toString())
              .put("sent", r.getLong("sent")).put("delivered", r.getLong("delivered")).put("failed", r.getLong("failed"))));
          return hours;
        });
  }
}
