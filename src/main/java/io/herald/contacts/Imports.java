package io.herald.contacts;

import io.herald.contacts.files.FileProblem;
import io.herald.contacts.files.SourceFormat;
import io.herald.contacts.files.TableReader;
import io.herald.contacts.files.TableSource;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import wizard (tables contact_imports, contact_import_rejects): (1) an upload or pasted rows
 * are read once and their columns get a field by header; (2) columns are assigned or ignored;
 * (3) a group is chosen: new, existing or none; (4) the import runs in one transaction, streamed
 * in chunks, and leaves a summary and the rejected rows. The upload waits in its directory ({@link ImportUploads})
 * until the import runs.
 */
public final class Imports {
  public static final String IGNORE = "ignore";
  private static final int CHUNK = 5_000;
  private static final String COLUMNS = """
      id, file_name, format, encoding, delimiter, has_header, headers, samples, row_count, stored_path, mapping,
      group_choice, status, created, updated, rejected, group_id, created_at, finished_at, target""";
  public static final String CONTACTS = "contacts";

  private final Vertx vertx;
  private final Pool pool;
  private final Fields fields;
  private final AccountRegions accounts;
  private final ImportUploads uploads;
  private final ImportViews views;
  private final ImportLimits limits;
  private final ImportRejects rejects;
  private final ImportGroups importGroups;
  private final Map<String, ImportTarget> targets = new HashMap<>();

  public Imports(Vertx vertx, Pool pool, Fields fields, Groups groups, AccountRegions accounts, Path directory,
                 ImportLimits limits, List<ImportTarget> targets) {
    this.vertx = vertx;
    this.pool = pool;
    this.fields = fields;
    this.accounts = accounts;
    this.uploads = new ImportUploads(vertx, directory);
    this.views = new ImportViews(pool);
    this.limits = limits;
    this.rejects = new ImportRejects(vertx, pool);
    this.importGroups = new ImportGroups(pool, groups);
    targets.forEach(t -> this.targets.put(t.name(), t));
  }

  /** The target an import loads: null for contacts; refused when no target has the name. */
  private ImportTarget target(String name) {
    if (name == null || name.equals(CONTACTS)) {
      return null;
    }
    ImportTarget target = targets.get(name);
    if (target == null) {
      List<String> names = new ArrayList<>(targets.keySet());
      names.add(0, CONTACTS);
      throw Refusal.invalid("target", "an import loads " + String.join(" or ", names) + ", not " + name, name);
    }
    return target;
  }

  public ImportLimits limits() {
    return limits;
  }

  /** Where an upload is put while it arrives; creates the directory. Blocking. */
  public Path newUploadFile() throws IOException {
    return uploads.newFile();
  }

  /** Stage 1 for a file already on disk (the web layer streamed it there); takes the file over. */
  public Future<JsonObject> upload(long accountId, String actor, Path file, String fileName, String target) {
    ImportTarget loads;
    try {
      loads = target(target);
    } catch (RuntimeException e) {
      uploads.deleteQuietly(file);
      throw e;
    }
    return inspect(accountId, file, fileName, false, loads)
        .compose(inspected -> store(accountId, actor, inspected, loads))
        .onFailure(e -> uploads.deleteQuietly(file));
  }

  /** Stage 1 for pasted rows: {"text": rows, one a line, cells separated by tabs, commas or semicolons; "target"?}. */
  public Future<JsonObject> paste(long accountId, String actor, JsonObject request) {
    ImportTarget loads = target(Json.text(request, "target"));
    String text = Json.text(request, "text");
    if (text == null || text.isBlank()) {
      throw Refusal.invalid("text", "text is empty: paste rows of contacts, one a line", null);
    }
    return accounts.region(accountId).compose(region -> vertx.executeBlocking(() -> {
      Path file = newUploadFile();
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    }, false).compose(file -> inspect(accountId, file, "pasted text", true, loads)
        .compose(inspected -> store(accountId, actor, inspected, loads))
        .onFailure(e -> uploads.deleteQuietly(file))));
  }

  /** What stage 1 learns from the file, with the field each column is likely meant for. */
  private record Inspected(ImportInspection inspection, List<String> guessed) {}

  /** Reading and guessing run on a worker: libphonenumber looks at every sample. */
  private Future<Inspected> inspect(long accountId, Path file, String fileName, boolean pasted, ImportTarget loads) {
    return accounts.region(accountId).compose(region -> fields.all(accountId).compose(known ->
        vertx.executeBlocking(() -> {
          uploads.sweepAbandoned();
          try {
            ImportInspection inspection = ImportInspection.inspect(TableSource.detect(file, fileName, pasted), region, limits);
            return new Inspected(inspection, loads == null
                ? ColumnGuess.guess(inspection.headers(), inspection.hasHeader(), inspection.samples(), known, region)
                : ColumnGuess.guessFor(inspection.headers(), inspection.hasHeader(), inspection.samples(), loads.columns(),
                    region));
          } catch (FileProblem e) {
            throw Refusal.invalid("file", e.getMessage(), fileName);
          }
        }, false)));
  }

  private Future<JsonObject> store(long accountId, String actor, Inspected inspected, ImportTarget loads) {
    ImportInspection inspection = inspected.inspection();
    List<String> guessed = inspected.guessed();
    TableSource source = inspection.source();
    JsonArray samples = new JsonArray();
    inspection.samples().forEach(row -> samples.add(new JsonArray(new ArrayList<>(row))));
    return pool.preparedQuery("""
            INSERT INTO contact_imports (account_id, created_by, file_name, format, encoding, delimiter, has_header,
                                         headers, samples, row_count, stored_path, mapping, target)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13) RETURNING id""")
        .execute(Tuple.tuple().addValue(accountId).addValue(actor).addValue(source.fileName())
            .addValue(source.format().dbName())
            .addValue(source.encoding() == null ? null : source.encoding().name())
            .addValue(source.format() == SourceFormat.XLSX ? null : String.valueOf(source.delimiter()))
            .addValue(inspection.hasHeader()).addValue(inspection.headers().toArray(String[]::new))
            .addValue(samples).addValue(inspection.rows()).addValue(source.file().toString())
            .addValue(guessed.toArray(String[]::new)).addValue(loads == null ? CONTACTS : loads.name()))
        .compose(rows -> get(accountId, rows.iterator().next().getLong(0)));
  }

  public Future<JsonObject> get(long accountId, long id) {
    return record(pool, accountId, id).compose(r -> views.view(r, target(r.getString("target"))));
  }

  /** The account's imports, newest first. */
  public Future<JsonObject> list(long accountId, Paging paging) {
    return accounts.region(accountId).compose(region -> pool.preparedQuery("SELECT " + COLUMNS
            + " FROM contact_imports WHERE account_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3")
        .execute(Tuple.of(accountId, paging.size(), paging.offset())))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(ImportViews.summary(r)));
          return new JsonObject().put("imports", list);
        });
  }

  /** Stage 2: {"columns": [{"index", "field": a field key, or "ignore" / null}]}; columns not named keep their field. */
  public Future<JsonObject> assignColumns(long accountId, long id, JsonObject request) {
    Object given = request.getValue("columns");
    if (!(given instanceof JsonArray list)) {
      throw Refusal.invalid("columns", "columns must be a list of {index, field}", null);
    }
    return uploaded(accountId, id).compose(r -> fields.all(accountId).compose(known -> {
      List<String> headers = List.of(r.getArrayOfStrings("headers"));
      String[] mapping = r.getArrayOfStrings("mapping").clone();
      Set<String> keys = new HashSet<>();
      ImportTarget loads = target(r.getString("target"));
      if (loads == null) {
        known.forEach(f -> keys.add(f.key()));
      } else {
        loads.columns().forEach(c -> keys.add(c.key()));
      }
      for (int i = 0; i < list.size(); i++) {
        String where = "columns[" + i + "]";
        if (!(list.getValue(i) instanceof JsonObject c)) {
          throw Refusal.invalid(where, where + " must be an object {index, field}", String.valueOf(list.getValue(i)));
        }
        Object index = c.getValue("index");
        if (!(index instanceof Number n) || n.intValue() < 0 || n.intValue() >= headers.size() || n.doubleValue() != n.intValue()) {
          throw Refusal.invalid(where + ".index", "no column " + index + ": the file has columns 0 to "
              + (headers.size() - 1), String.valueOf(index));
        }
        // null is "do not import", as the wizard's first choice says
        Object field = c.getValue("field") == null ? IGNORE : c.getValue("field");
        if (!(field instanceof String key) || (!key.equals(IGNORE) && !keys.contains(key))) {
          throw Refusal.invalid(where + ".field", "no field '" + field + "' for column '"
              + headers.get(n.intValue()) + "': give a field key or " + IGNORE, String.valueOf(field));
        }
        mapping[n.intValue()] = key;
      }
      Map<String, Integer> owner = new HashMap<>();
      for (int i = 0; i < mapping.length; i++) {
        if (mapping[i] == null || mapping[i].equals(IGNORE)) {
          continue;
        }
        Integer other = owner.putIfAbsent(mapping[i], i);
        if (other != null) {
          throw Refusal.invalid("columns", "field '" + mapping[i] + "' is assigned to both column '"
              + headers.get(other) + "' and column '" + headers.get(i) + "'", mapping[i]);
        }
      }
      return pool.preparedQuery("UPDATE contact_imports SET mapping = $3 WHERE account_id = $1 AND id = $2")
          .execute(Tuple.of(accountId, id, mapping))
          .compose(v -> get(accountId, id));
    }));
  }

  /** Stage 3: {"mode": "none"} | {"mode": "new", "name", "category"?} | {"mode": "existing", "groupId"}. */
  public Future<JsonObject> chooseGroup(long accountId, long id, JsonObject request) {
    String mode = Json.text(request, "mode");
    JsonObject choice = new JsonObject().put("mode", mode);
    Future<Void> checked;
    if ("none".equals(mode)) {
      checked = Future.succeededFuture();
    } else if ("new".equals(mode)) {
      String name = Json.text(request, "name");
      if (name == null || name.isBlank()) {
        throw Refusal.invalid("name", "name the new group", null);
      }
      choice.put("name", name.strip()).put("category", Json.text(request, "category"));
      checked = importGroups.nameFree(accountId, name.strip());
    } else if ("existing".equals(mode)) {
      Long groupId = Json.id(request, "groupId");
      if (groupId == null) {
        throw Refusal.invalid("groupId", "groupId names the existing group", null);
      }
      choice.put("groupId", groupId);
      checked = importGroups.staticGroup(accountId, groupId).mapEmpty();
    } else {
      throw Refusal.invalid("mode", "mode must be none, new or existing", mode);
    }
    return uploaded(accountId, id).compose(r -> {
          if (!CONTACTS.equals(r.getString("target"))) {
            throw Refusal.invalid("mode", r.getString("target") + " go in no group: a group holds contacts", mode);
          }
          return checked;
        })
        .compose(v -> pool.preparedQuery("UPDATE contact_imports SET group_choice = $3::jsonb WHERE account_id = $1 AND id = $2")
            .execute(Tuple.of(accountId, id, choice)))
        .compose(v -> get(accountId, id));
  }

  /** Stage 4: runs the import and answers its summary. */
  public Future<JsonObject> run(long accountId, long id) {
    return uploaded(accountId, id).compose(r -> CONTACTS.equals(r.getString("target")) ? runContacts(accountId, id, r)
            : runTarget(accountId, id, r))
        .compose(v -> get(accountId, id));
  }

  private Future<Void> runContacts(long accountId, long id, Row r) {
    return fields.all(accountId).compose(known -> accounts.region(accountId)
        .compose(region -> {
          List<String> headers = List.of(r.getArrayOfStrings("headers"));
          Field[] mapping = mapping(headers, r.getArrayOfStrings("mapping"), known);
          JsonObject choice = (JsonObject) r.getValue("group_choice");
          TableSource source = TableSource.of(Path.of(r.getString("stored_path")), r.getString("file_name"),
              SourceFormat.fromDb(r.getString("format")), r.getString("encoding"), r.getString("delimiter"));
          Future<Void> groupOk = switch (choice.getString("mode")) {
            case "existing" -> importGroups.staticGroup(accountId, choice.getLong("groupId")).mapEmpty();
            case "new" -> importGroups.nameFree(accountId, choice.getString("name"));
            default -> Future.succeededFuture();
          };
          return groupOk.compose(v -> claim(accountId, id))
              .compose(v -> vertx.executeBlocking(() -> open(source), false))
              .compose(reader -> {
                RowCheck check = new RowCheck(reader, r.getBoolean("has_header"), headers, mapping, region);
                return pool.withTransaction(tx -> importGroups.group(tx, accountId, choice)
                        .compose(groupId -> chunks(tx, accountId, id, groupId, check, new HashMap<>(), new int[3])
                            .compose(counts -> tx.preparedQuery("""
                                    UPDATE contact_imports SET status = 'completed', created = $3, updated = $4,
                                           rejected = $5, group_id = $6, stored_path = NULL, finished_at = now()
                                    WHERE account_id = $1 AND id = $2""")
                                .execute(Tuple.of(accountId, id, counts[0], counts[1], counts[2], groupId)))))
                    .eventually(() -> vertx.executeBlocking(() -> {
                      reader.close();
                      return null;
                    }, false));
              })
              .onSuccess(v -> uploads.deleteQuietly(source.file()))
              .recover(e -> release(accountId, id).compose(x -> Future.failedFuture(e)));
        })).mapEmpty();
  }

  /** Stage 4 for another target: the rows go to it, chunk by chunk; the import is completed with its counts. */
  private Future<Void> runTarget(long accountId, long id, Row r) {
    ImportTarget loads = target(r.getString("target"));
    List<String> headers = List.of(r.getArrayOfStrings("headers"));
    String[] mapping = r.getArrayOfStrings("mapping");
    TargetImport.check(loads, headers, mapping);
    TableSource source = TableSource.of(Path.of(r.getString("stored_path")), r.getString("file_name"),
        SourceFormat.fromDb(r.getString("format")), r.getString("encoding"), r.getString("delimiter"));
    return claim(accountId, id)
        .compose(v -> vertx.executeBlocking(() -> open(source), false))
        .compose(reader -> new TargetImport(vertx, pool, loads, reader, r.getBoolean("has_header"), headers, mapping)
            .run(accountId, id)
            .compose(counts -> pool.preparedQuery("""
                    UPDATE contact_imports SET status = 'completed', created = $3, updated = $4, rejected = $5,
                           stored_path = NULL, finished_at = now()
                    WHERE account_id = $1 AND id = $2""")
                .execute(Tuple.of(accountId, id, counts.created(), counts.updated(), counts.rejected())))
            .eventually(() -> vertx.executeBlocking(() -> {
              reader.close();
              return null;
            }, false)))
        .onSuccess(v -> uploads.deleteQuietly(source.file()))
        .recover(e -> release(accountId, id).compose(x -> Future.failedFuture(e)))
        .mapEmpty();
  }

  /** One chunk read on a worker, then written; on to the next until the file ends. */
  private Future<int[]> chunks(SqlClient tx, long accountId, long id, Long groupId, RowCheck check,
                               Map<Long, Integer> matched, int[] counts) {
    return vertx.executeBlocking(() -> {
      try {
        return check.next(CHUNK);
      } catch (FileProblem e) {
        throw Refusal.invalid("file", e.getMessage(), null);
      }
    }, true).compose(chunk -> ImportWriter.write(tx, accountId, id, groupId, chunk, check, matched).compose(c -> {
      counts[0] += c.created();
      counts[1] += c.updated();
      counts[2] += c.rejected();
      return chunk.last() ? Future.succeededFuture(counts) : chunks(tx, accountId, id, groupId, check, matched, counts);
    }));
  }

  /** The rejects file, written on a worker: {@link RejectsFile#downloadName()} and its CSV text. */
  public Future<Map.Entry<String, String>> rejectsCsv(long accountId, long id) {
    return rejects.csv(accountId, id);
  }

  /** Forgets an import (its contacts stay) and removes its upload. */
  public Future<Void> delete(long accountId, long id) {
    return pool.preparedQuery("DELETE FROM contact_imports WHERE account_id = $1 AND id = $2 AND status <> 'running' RETURNING stored_path")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return record(pool, accountId, id).compose(r -> Future.failedFuture(Refusal.conflict("import " + id + " is running")));
          }
          String path = rows.iterator().next().getString(0);
          if (path != null) {
            uploads.deleteQuietly(Path.of(path));
          }
          return Future.succeededFuture();
        });
  }

  private Field[] mapping(List<String> headers, String[] keys, List<Field> known) {
    Map<String, Field> byKey = new HashMap<>();
    known.forEach(f -> byKey.put(f.key(), f));
    Field[] mapping = new Field[keys.length];
    boolean detail = false;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == null) {
        throw Refusal.invalid("columns", "column '" + headers.get(i)
            + "' needs a field, or " + IGNORE + " to leave it out", headers.get(i));
      }
      if (keys[i].equals(IGNORE)) {
        continue;
      }
      mapping[i] = byKey.get(keys[i]);
      if (mapping[i] == null) {
        throw Refusal.invalid("columns", "column '" + headers.get(i) + "' is assigned to field '"
            + keys[i] + "', which no longer exists", keys[i]);
      }
      detail |= mapping[i].isDefault() && (mapping[i].type() == FieldType.PHONE || mapping[i].type() == FieldType.EMAIL);
    }
    if (!detail) {
      throw Refusal.invalid("columns", "assign a column to phone or email: a contact needs one of them", null);
    }
    return mapping;
  }

  private TableReader open(TableSource source) {
    try {
      return source.open();
    } catch (FileProblem e) {
      throw Refusal.gone(e.getMessage());
    }
  }

  /** The import while it can still change; 409 once it has run. */
  private Future<Row> uploaded(long accountId, long id) {
    return record(pool, accountId, id).compose(r -> "uploaded".equals(r.getString("status"))
        ? Future.succeededFuture(r)
        : Future.failedFuture(Refusal.conflict("import " + id + " is "
            + r.getString("status") + ": start a new import to change anything")));
  }

  /** Marks the import running, so two runs of it cannot overlap. */
  private Future<Void> claim(long accountId, long id) {
    return pool.preparedQuery("UPDATE contact_imports SET status = 'running' WHERE account_id = $1 AND id = $2 AND status = 'uploaded'")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(Refusal.conflict("import " + id + " is already running or has run")));
  }

  /** After a failed run the import can be run again. */
  private Future<Void> release(long accountId, long id) {
    return pool.preparedQuery("UPDATE contact_imports SET status = 'uploaded' WHERE account_id = $1 AND id = $2 AND status = 'running'")
        .execute(Tuple.of(accountId, id)).<Void>mapEmpty().otherwiseEmpty();
  }

  static Future<Row> record(SqlClient client, long accountId, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM contact_imports WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> Sql.first(rows).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(Refusal.notFound("import"))));
  }


}
