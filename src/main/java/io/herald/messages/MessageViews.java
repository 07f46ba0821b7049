package io.herald.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Messages as the API shows them: one message with its parts and history, and the held receipts. */
public final class MessageViews {
  private final Pool pool;

  public MessageViews(Pool pool) {
    this.pool = pool;
  }

  /** Receipts received in [from, to) that still match no message part. */
  public Future<Long> unmatchedBetween(java.time.Instant from, java.time.Instant to) {
    return pool.preparedQuery("SELECT count(*) FROM receipts_unmatched WHERE received_at >= $1 AND received_at < $2")
        .execute(Tuple.of(from.atOffset(java.time.ZoneOffset.UTC), to.atOffset(java.time.ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The receipts no message part claimed (yet), newest first, for operators. */
  public Future<JsonArray> heldReceipts(int limit) {
    return pool.preparedQuery("""
            SELECT smsc, smsc_message_id, alt_id_1, alt_id_2, state, receipt_status, receipt_error, received_at, raw
            FROM receipts_unmatched ORDER BY id DESC LIMIT $1""")
        .execute(Tuple.of(limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          for (Row r : rows) {
            list.add(new JsonObject()
                .put("smsc", r.getString("smsc"))
                .put("smscMessageId", r.getString("smsc_message_id"))
                .put("alternativeIds", new JsonArray().add(r.getString("alt_id_1")).add(r.getString("alt_id_2")))
                .put("status", r.getString("state"))
                .put("receiptStatus", r.getString("receipt_status"))
                .put("receiptError", r.getString("receipt_error"))
                .put("receivedAt", text(r.getOffsetDateTime("received_at")))
                .put("text", r.getString("raw")));
          }
          return list;
        });
  }

  /** One message as its account sees it: state, parts on the wire and history. */
  public Future<Optional<JsonObject>> find(long accountId, long id) {
    return pool.preparedQuery("""
            SELECT m.id, m.job_id, m.lane, sender, recipient, body, encoding, segments, smsc,
                   error_code, error_detail, m.not_before, created_at, updated_at,
                   -- a queued message with a lease is on its way; the queue counts its attempts meanwhile
                   CASE WHEN m.state = 'queued' AND q.lease_until IS NOT NULL THEN 'sending' ELSE m.state END AS state,
                   coalesce(q.attempts, m.attempts) AS attempts
            FROM messages m LEFT JOIN message_queue q ON q.message_id = m.id
            WHERE m.id = $1 AND m.account_id = $2""")
        .execute(Tuple.of(id, accountId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row m = rows.iterator().next();
          JsonObject message = new JsonObject()
              .put("id", m.getLong("id"))
              .put("jobId", m.getLong("job_id"))
              .put("status", m.getString("state"))
              .put("to", m.getString("recipient"))
              .put("from", m.getString("sender"))
              .put("body", m.getString("body"))
              .put("lane", m.getString("lane"))
              .put("encoding", m.getString("encoding"))
              .put("segments", m.getInteger("segments"))
              .put("attempts", m.getInteger("attempts"))
              .put("smsc", m.getString("smsc"))
              .put("errorCode", m.getString("error_code"))
              .put("errorDetail", m.getString("error_detail"))
              .put("notBefore", text(m.getOffsetDateTime("not_before")))
              .put("createdAt", text(m.getOffsetDateTime("created_at")))
              .put("updatedAt", text(m.getOffsetDateTime("updated_at")));
          return parts(id).compose(parts -> events(id).map(events ->
              Optional.of(message.put("parts", parts).put("events", history(message, parts, events)))));
        });
  }

  private Future<JsonArray> parts(long id) {
    return pool.preparedQuery("""
            SELECT seq, smsc, smsc_message_id, state, receipt_status, receipt_error, submitted_at, receipt_at
            FROM message_parts WHERE message_id = $1 ORDER BY seq""")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray parts = new JsonArray();
          for (Row p : rows) {
            parts.add(new JsonObject()
                .put("seq", p.getInteger("seq"))
                .put("smsc", p.getString("smsc"))
                .put("smscMessageId", p.getString("smsc_message_id"))
                .put("status", p.getString("state"))
                .put("receiptStatus", p.getString("receipt_status"))
                .put("receiptError", p.getString("receipt_error"))
                .put("submittedAt", text(p.getOffsetDateTime("submitted_at")))
                .put("receiptAt", text(p.getOffsetDateTime("receipt_at"))));
          }
          return parts;
        });
  }

  private Future<List<JsonObject>> events(long id) {
    return pool.preparedQuery("SELECT state, at, detail FROM message_events WHERE message_id = $1 ORDER BY id")
        .execute(Tuple.of(id))
        .map(rows -> {
          List<JsonObject> events = new ArrayList<>();
          for (Row e : rows) {
            events.add(step(e.getString("state"), text(e.getOffsetDateTime("at")), e.getString("detail")));
          }
          return events;
        });
  }

  /**
   * A message's history. The common steps are not written as events (three rows a message were the
   * largest write of dispatch): queued is the message's creation, submitted its parts going out, and
   * a final state from a receipt its last change. Everything else (retries, failures, skips,
   * cancels, leases returned) is an event row, in between by time.
   */
  private static JsonArray history(JsonObject message, JsonArray parts, List<JsonObject> events) {
    List<JsonObject> steps = new ArrayList<>();
    steps.add(step("queued", message.getString("createdAt"), null));
    steps.addAll(events);
    parts.stream().map(p -> ((JsonObject) p).getString("submittedAt")).min(String::compareTo)
        .ifPresent(at -> steps.add(step("submitted", at, null)));
    if (Set.of("delivered", "undeliverable", "expired").contains(message.getString("status"))) {
      steps.add(step(message.getString("status"), message.getString("updatedAt"), message.getString("errorDetail")));
    }
    // by time; a step written in the same instant as another keeps the order above (the sort is stable)
    steps.sort(java.util.Comparator.comparing(step -> Instant.parse(step.getString("at"))));
    return new JsonArray(new ArrayList<Object>(steps));
  }

  private static JsonObject step(String status, String at, String detail) {
    return new JsonObject().put("status", status).put("at", at).put("detail", detail);
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
