package io.herald.broadcasts;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A broadcasts row. groupIds null: all contacts; sendAt null: when approved; text is set once confirmed. */
record Broadcast(long id, long accountId, Long smsId, String text, String sender, List<Long> groupIds, String phoneField,
                 String duplicates, Instant sendAt, String timeZone, boolean refresh, String status, JsonObject counts,
                 JsonObject checks, String preparedBy, Instant preparedAt, String decidedBy, Instant decidedAt,
                 String rejectReason, Long jobId, String createdBy, Instant createdAt) {
  static final String COLUMNS = """
      id, account_id, sms_id, text, sender, group_ids, phone_field, duplicates, send_at, time_zone, refresh, status,
      counts, checks, prepared_by, prepared_at, decided_by, decided_at, reject_reason, job_id, created_by, created_at""";

  static Broadcast of(Row r) {
    Long[] groups = r.getArrayOfLongs("group_ids");
    return new Broadcast(r.getLong("id"), r.getLong("account_id"), r.getLong("sms_id"), r.getString("text"),
        r.getString("sender"), groups == null ? null : List.of(groups), r.getString("phone_field"),
        r.getString("duplicates"), instant(r.getOffsetDateTime("send_at")), r.getString("time_zone"),
        r.getBoolean("refresh"), r.getString("status"), (JsonObject) r.getValue("counts"),
        (JsonObject) r.getValue("checks"), r.getString("prepared_by"), instant(r.getOffsetDateTime("prepared_at")),
        r.getString("decided_by"), instant(r.getOffsetDateTime("decided_at")), r.getString("reject_reason"),
        r.getLong("job_id"), r.getString("created_by"), instant(r.getOffsetDateTime("created_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("sms", smsId).put("text", text).put("sender", sender)
        .put("audience", groupIds == null ? "all" : "groups").put("groups", groupIds)
        .put("phoneField", phoneField == null ? "phone" : phoneField).put("duplicates", duplicates)
        .put("sendAt", sendAt == null ? null : sendAt.toString()).put("timeZone", timeZone).put("refresh", refresh)
        .put("status", status).put("counts", counts).put("checks", checks).put("preparedBy", preparedBy)
        .put("preparedAt", preparedAt == null ? null : preparedAt.toString()).put("decidedBy", decidedBy)
        .put("decidedAt", decidedAt == null ? null : decidedAt.toString()).put("rejectReason", rejectReason)
        .put("jobId", jobId).put("createdBy", createdBy).put("createdAt", createdAt.toString());
  }
}
