package io.herald.contacts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one chunk of an import inside the import's transaction, a statement per step for the whole
 * chunk: find existing contacts (by phone, then by e-mail), insert the new ones, update the
 * existing ones (values in the file win, empty cells change nothing), add them all to the group,
 * and keep the rejected rows.
 */
final class ImportWriter {
  record Counts(int created, int updated, int rejected) {}

  private static final String LOOKUP = """
      SELECT id, phone, email FROM contacts
      WHERE account_id = $1 AND (phone = ANY($2::text[]) OR email = ANY($3::text[]))""";

  private static final String INSERT = """
      INSERT INTO contacts (account_id, phone, email, first_name, last_name, time_zone, language, fields)
      SELECT $1, p, e, fn, ln, tz, lang, f::jsonb
      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS u(p, e, fn, ln, tz, lang, f)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE contacts c SET phone = coalesce(u.p, c.phone), email = coalesce(u.e, c.email),
             first_name = coalesce(u.fn, c.first_name), last_name = coalesce(u.ln, c.last_name),
             time_zone = coalesce(u.tz, c.time_zone), language = coalesce(u.lang, c.language),
             fields = c.fields || u.f::jsonb, updated_at = now()
      FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
        AS u(id, p, e, fn, ln, tz, lang, f)
      WHERE c.id = u.id AND c.account_id = $1
      RETURNING c.id""";

  private static final String GROUP = """
      INSERT INTO group_members (group_id, contact_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING""";

  private static final String REJECTS = """
      INSERT INTO contact_import_rejects (import_id, line, cells, col, value, reason)
      SELECT $1, l, c::jsonb, col, v, r FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
        AS x(l, c, col, v, r)""";

  private record Existing(long id, String phone, String email) {}

  private ImportWriter() {}

  /** matched: contact id to the row that updated it, across the chunks of one import. */
  static Future<Counts> write(SqlClient tx, long accountId, long importId, Long groupId, RowCheck.Chunk chunk,
                              RowCheck check, Map<Long, Integer> matched) {
    List<ImportRow> rows = chunk.rows();
    String[] phones = rows.stream().map(ImportRow::phone).filter(p -> p != null).toArray(String[]::new);
    String[] emails = rows.stream().map(ImportRow::email).filter(e -> e != null).toArray(String[]::new);
    Future<Map<String, Existing>[]> lookup = rows.isEmpty() ? Future.succeededFuture(empty())
        : tx.preparedQuery(LOOKUP).execute(Tuple.of(accountId, phones, emails)).map(ImportWriter::index);
    return lookup.compose(existing -> {
      List<ImportRow> inserts = new ArrayList<>();
      List<ImportRow> updates = new ArrayList<>();
      List<Long> updateIds = new ArrayList<>();
      List<RejectedRow> rejects = new ArrayList<>(chunk.rejects());
      for (ImportRow row : rows) {
        Existing byPhone = row.phone() == null ? null : existing[0].get(row.phone());
        Existing byEmail = row.email() == null ? null : existing[1].get(row.email());
        Existing target = byPhone != null ? byPhone : byEmail;
        if (target == null) {
          inserts.add(row);
          continue;
        }
        if (byEmail != null && byEmail.id() != target.id()) {
          String header = check.columnOf("email");
          rejects.add(new RejectedRow(row.line(), row.cells(), header, row.email(), "column '" + header
              + "': e-mail address " + row.email() + " belongs to contact " + byEmail.id()
              + ", while the phone number " + row.phone() + " belongs to contact " + target.id()));
          continue;
        }
        Integer earlier = matched.putIfAbsent(target.id(), row.line());
        if (earlier != null) {
          rejects.add(new RejectedRow(row.line(), row.cells(), null, null, "the row matches contact " + target.id()
              + " (by " + (byPhone != null ? "phone number " + row.phone() : "e-mail address " + row.email())
              + "), which row " + earlier + " already updated"));
          continue;
        }
        updates.add(row);
        updateIds.add(target.id());
      }
      List<Long> ids = new ArrayList<>();
      return insert(tx, accountId, inserts, ids)
          .compose(v -> update(tx, accountId, updates, updateIds, ids))
          .compose(v -> groupId == null || ids.isEmpty() ? Future.succeededFuture()
              : tx.preparedQuery(GROUP).execute(Sql.pair(groupId, ids.toArray(Long[]::new))))
          .compose(v -> rejects(tx, importId, rejects))
          .map(v -> new Counts(inserts.size(), updates.size(), rejects.size()));
    });
  }

  private static Future<Void> insert(SqlClient tx, long accountId, List<ImportRow> rows, List<Long> ids) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    String[][] c = columns(rows);
    return tx.preparedQuery(INSERT).execute(Tuple.of(accountId, c[0], c[1], c[2], c[3], c[4], c[5]).addValue(c[6]))
        .map(inserted -> {
          inserted.forEach(r -> ids.add(r.getLong(0)));
          return null;
        });
  }

  private static Future<Void> update(SqlClient tx, long accountId, List<ImportRow> rows, List<Long> targets,
                                     List<Long> ids) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    String[][] c = columns(rows);
    return tx.preparedQuery(UPDATE)
        .execute(Tuple.of(accountId, targets.toArray(Long[]::new), c[0], c[1], c[2], c[3]).addValue(c[4])
            .addValue(c[5]).addValue(c[6]))
        .map(updated -> {
          updated.forEach(r -> ids.add(r.getLong(0)));
          return null;
        });
  }

  static Future<Void> rejects(SqlClient tx, long importId, List<RejectedRow> rejects) {
    if (rejects.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = rejects.size();
    Integer[] lines = new Integer[n];
    String[] cells = new String[n];
    String[] columns = new String[n];
    String[] values = new String[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      RejectedRow r = rejects.get(i);
      lines[i] = r.line();
      cells[i] = r.cellsJson();
      columns[i] = r.column();
      values[i] = r.value();
      reasons[i] = r.reason();
    }
    return tx.preparedQuery(REJECTS).execute(Tuple.of(importId, lines, cells, columns, values).addValue(reasons))
        .mapEmpty();
  }

  /** phone, email, first_name, last_name, time_zone, language, fields (JSON) of each row. */
  private static String[][] columns(List<ImportRow> rows) {
    int n = rows.size();
    String[][] c = new String[7][n];
    for (int i = 0; i < n; i++) {
      ImportRow row = rows.get(i);
      c[0][i] = row.phone();
      c[1][i] = row.email();
      c[2][i] = row.columns().get("first_name");
      c[3][i] = row.columns().get("last_name");
      c[4][i] = row.columns().get("time_zone");
      c[5][i] = row.columns().get("language");
      c[6][i] = row.fields().encode();
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Existing>[] empty() {
    return new Map[] {Map.of(), Map.of()};
  }

  private static Map<String, Existing>[] index(Iterable<Row> rows) {
    Map<String, Existing>[] maps = empty();
    maps[0] = new HashMap<>();
    maps[1] = new HashMap<>();
    for (Row r : rows) {
      Existing e = new Existing(r.getLong("id"), r.getString("phone"), r.getString("email"));
      if (e.phone() != null) {
        maps[0].put(e.phone(), e);
      }
      if (e.email() != null) {
        maps[1].put(e.email(), e);
      }
    }
    return maps;
  }
}
