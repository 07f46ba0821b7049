package io.herald.contacts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Imports (contact_imports rows) as the API shows them. */
final class ImportViews {
  private static final int SHOWN_REJECTS = 100;

  private final Pool pool;

  ImportViews(Pool pool) {
    this.pool = pool;
  }

  /** An import as the wizard shows it: the file, its columns with samples, the group, and the first rejected rows. */
  Future<JsonObject> view(Row r, ImportTarget target) {
    JsonObject view = summary(r);
    if (target != null) { // the columns a file of it can have; a contact import's are the account's fields
      JsonArray choices = new JsonArray();
      target.columns().forEach(c -> choices.add(new JsonObject().put("key", c.key()).put("label", c.label())));
      view.put("choices", choices);
    }
    String[] headers = r.getArrayOfStrings("headers");
    String[] mapping = r.getArrayOfStrings("mapping");
    JsonArray samples = (JsonArray) r.getValue("samples");
    JsonArray columns = new JsonArray();
    for (int i = 0; i < headers.length; i++) {
      JsonArray values = new JsonArray();
      for (int s = 0; s < samples.size(); s++) {
        JsonArray row = samples.getJsonArray(s);
        values.add(i < row.size() ? row.getValue(i) : "");
      }
      columns.add(new JsonObject().put("index", i).put("header", headers[i]).put("field", mapping[i])
          .put("needsAssignment", mapping[i] == null).put("samples", values));
    }
    view.put("columns", columns).put("group", r.getValue("group_choice"));
    if (!"completed".equals(r.getString("status")) || r.getInteger("rejected") == 0) {
      return Future.succeededFuture(view);
    }
    return pool.preparedQuery("""
            SELECT line, col, value, reason FROM contact_import_rejects WHERE import_id = $1 ORDER BY line LIMIT $2""")
        .execute(Tuple.of(r.getLong("id"), SHOWN_REJECTS))
        .map(rows -> {
          JsonArray rejected = new JsonArray();
          rows.forEach(x -> rejected.add(new JsonObject().put("row", x.getInteger("line")).put("column", x.getString("col"))
              .put("value", x.getString("value")).put("error", x.getString("reason"))));
          return view.put("rejectedRows", rejected);
        });
  }

  /** An import as the list shows it. */
  static JsonObject summary(Row r) {
    JsonObject view = new JsonObject()
        .put("id", r.getLong("id"))
        .put("target", r.getString("target"))
        .put("status", r.getString("status"))
        .put("file", new JsonObject().put("name", r.getString("file_name")).put("format", r.getString("format"))
            .put("encoding", r.getString("encoding")).put("delimiter", r.getString("delimiter"))
            .put("hasHeader", r.getBoolean("has_header")))
        .put("rows", r.getInteger("row_count"))
        .put("createdAt", Sql.time(r.getOffsetDateTime("created_at")));
    if ("completed".equals(r.getString("status"))) {
      view.put("summary", new JsonObject()
          .put("rows", r.getInteger("created") + r.getInteger("updated") + r.getInteger("rejected"))
          .put("created", r.getInteger("created"))
          .put("updated", r.getInteger("updated"))
          .put("rejected", r.getInteger("rejected"))
          .put("groupId", r.getLong("group_id")))
          .put("finishedAt", Sql.time(r.getOffsetDateTime("finished_at")));
      if (r.getInteger("rejected") > 0) {
        view.put("rejectsFile", "/api/v1/imports/" + r.getLong("id") + "/rejects");
      }
    }
    return view;
  }
}
