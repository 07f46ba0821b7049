package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows an import rejected (table contact_import_rejects), as the rejects file to download. */
final class ImportRejects {
  private final Vertx vertx;
  private final Pool pool;

  ImportRejects(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** The rejects file, written on a worker: {@link RejectsFile#downloadName()} and its CSV text. */
  Future<Map.Entry<String, String>> csv(long accountId, long id) {
    return rejects(accountId, id).compose(file -> vertx.executeBlocking(
        () -> Map.entry(file.downloadName(), file.csv()), false));
  }

  /** Rows rejected by an import, in row order, for the rejects file. */
  Future<RejectsFile> rejects(long accountId, long id) {
    return Imports.record(pool, accountId, id).compose(r -> {
      if (!"completed".equals(r.getString("status"))) {
        return Future.failedFuture(Refusal.conflict("import " + id + " has not run yet: it has no rejected rows"));
      }
      return pool.preparedQuery("SELECT line, cells, reason FROM contact_import_rejects WHERE import_id = $1 ORDER BY line")
          .execute(Tuple.of(id))
          .map(rows -> {
            List<RejectsFile.Line> lines = new ArrayList<>();
            for (Row row : rows) {
              JsonArray cells = (JsonArray) row.getValue("cells");
              List<String> list = new ArrayList<>();
              cells.forEach(c -> list.add(c == null ? "" : c.toString()));
              lines.add(new RejectsFile.Line(row.getInteger("line"), list, row.getString("reason")));
            }
            return new RejectsFile(r.getString("file_name"), List.of(r.getArrayOfStrings("headers")), lines);
          });
    });
  }
}
