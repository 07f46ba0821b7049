package io.herald.contacts;

import io.herald.contacts.files.FileProblem;
import io.herald.contacts.files.RawRow;
import io.herald.contacts.files.TableReader;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 4 for a target other than contacts: the file is read a chunk at a time on a worker, each
 * chunk's rows (column key to cell) go to the target, and the rows it refuses are kept with their
 * line, column, value and reason, as a contact import's are. Each chunk is saved on its own: the
 * targets upsert, so running a file again after a failure doubles nothing.
 */
final class TargetImport {
  private static final int CHUNK = 5_000;

  /** What the run did: rows that made something, rows that changed something, rows refused. */
  record Counts(int created, int updated, int rejected) {}

  private record Chunk(List<Map<String, String>> rows, List<RawRow> raws, List<RejectedRow> rejects, boolean last) {}

  private final Vertx vertx;
  private final Pool pool;
  private final ImportTarget target;
  private final TableReader reader;
  private final boolean skipHeader;
  private final List<String> headers;
  private final String[] mapping;
  private boolean started;

  TargetImport(Vertx vertx, Pool pool, ImportTarget target, TableReader reader, boolean skipHeader, List<String> headers,
               String[] mapping) {
    this.vertx = vertx;
    this.pool = pool;
    this.target = target;
    this.reader = reader;
    this.skipHeader = skipHeader;
    this.headers = headers;
    this.mapping = mapping;
  }

  /** Refuses a mapping that leaves out what the target needs, before anything is read. */
  static void check(ImportTarget target, List<String> headers, String[] mapping) {
    Set<String> assigned = new HashSet<>();
    for (int i = 0; i < mapping.length; i++) {
      if (mapping[i] == null) {
        throw Refusal.invalid("columns", "column '" + headers.get(i) + "' needs a column of " + target.name()
            + ", or " + Imports.IGNORE + " to leave it out", headers.get(i));
      }
      assigned.add(mapping[i]);
    }
    String missing = target.missing(assigned);
    if (missing != null) {
      throw Refusal.invalid("columns", missing, null);
    }
  }

  Future<Counts> run(long accountId, long importId) {
    return next(accountId, importId, new Counts(0, 0, 0));
  }

  private Future<Counts> next(long accountId, long importId, Counts sofar) {
    return vertx.executeBlocking(this::read, true).compose(chunk -> (chunk.rows().isEmpty()
            ? Future.succeededFuture(new ImportTarget.Saved(0, 0, List.of()))
            : target.save(accountId, chunk.rows()))
        .compose(saved -> {
          List<RejectedRow> rejects = new ArrayList<>(chunk.rejects());
          for (ImportTarget.Refused r : saved.refused()) {
            RawRow raw = chunk.raws().get(r.index());
            String header = headerOf(r.key());
            rejects.add(new RejectedRow(raw.line(), raw.cells(), header, r.value(), (header == null ? r.key() + " " : "column '"
                + header + "': ") + (r.value() == null ? "" : "'" + r.value() + "' ") + r.reason()));
          }
          Counts counts = new Counts(sofar.created() + saved.created(), sofar.updated() + saved.updated(),
              sofar.rejected() + rejects.size());
          Future<Void> kept = pool.withTransaction(tx -> ImportWriter.rejects(tx, importId, rejects));
          return kept.compose(v -> chunk.last() ? Future.succeededFuture(counts) : next(accountId, importId, counts));
        }));
  }

  /** Blocking: the next chunk of rows, each mapped by its columns' keys; a cell that cannot be used refuses its row. */
  private Chunk read() {
    try {
      if (!started) {
        started = true;
        if (skipHeader) {
          ImportInspection.nextNonBlank(reader);
        }
      }
      List<Map<String, String>> rows = new ArrayList<>();
      List<RawRow> raws = new ArrayList<>();
      List<RejectedRow> rejects = new ArrayList<>();
      while (rows.size() + rejects.size() < CHUNK) {
        RawRow raw = ImportInspection.nextNonBlank(reader);
        if (raw == null) {
          return new Chunk(rows, raws, rejects, true);
        }
        Map<String, String> row = new LinkedHashMap<>();
        RejectedRow bad = null;
        for (int i = 0; i < mapping.length && bad == null; i++) {
          if (mapping[i].equals(Imports.IGNORE)) {
            continue;
          }
          String problem = raw.problems().get(i);
          if (problem != null) {
            bad = new RejectedRow(raw.line(), raw.cells(), headers.get(i), raw.cell(i),
                "column '" + headers.get(i) + "': " + problem);
          }
          row.put(mapping[i], raw.cell(i).strip());
        }
        if (bad != null) {
          rejects.add(bad);
        } else {
          rows.add(row);
          raws.add(raw);
        }
      }
      return new Chunk(rows, raws, rejects, false);
    } catch (FileProblem e) {
      throw Refusal.invalid("file", e.getMessage(), null);
    }
  }

  private String headerOf(String key) {
    for (int i = 0; i < mapping.length; i++) {
      if (mapping[i].equals(key)) {
        return headers.get(i);
      }
    }
    return null;
  }
}
