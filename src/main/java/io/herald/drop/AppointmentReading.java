package io.herald.drop;

import io.herald.contacts.ImportTarget;
import io.herald.ingest.CsvRows;
import io.herald.ingest.Rejection;
import io.herald.ingest.TextFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Reads a file dropped on a profile that loads appointments, on a reader thread: each record's
 * cells by the profile's columns (the client's phone from mobileColumn) go to the appointments a
 * chunk at a time, and what they refuse goes to the result file with its row, column, value and
 * reason, as a refused text's row does. Nothing is sent.
 */
final class AppointmentReading {
  static final int CHUNK = 1_000;

  /** Saves a chunk of rows (column key to cell); called from the reader thread. */
  interface Sink {
    Future<ImportTarget.Saved> save(List<Map<String, String>> rows);
  }

  private final ProfileSettings settings;
  private final int errorsKept;

  AppointmentReading(ProfileSettings settings, int errorsKept) {
    this.settings = settings;
    this.errorsKept = errorsKept;
  }

  FileReading.Outcome read(Path file, TextFacts facts, ResultFile result, Sink sink)
      throws IOException, InterruptedException {
    long rows = 0;
    long accepted = 0;
    long rejected = 0;
    JsonArray errors = new JsonArray();
    boolean headerSeen = false;
    Map<String, ProfileRows.Column> columns = null;
    List<Map<String, String>> chunk = new ArrayList<>(CHUNK);
    List<Long> chunkRows = new ArrayList<>(CHUNK);
    try (CsvRows csv = CsvRows.open(file, facts.textEncoding())) {
      CsvRows.Record record;
      while ((record = csv.next()) != null) {
        if (record.blank()) {
          continue;
        }
        if (columns == null) {
          headerSeen = settings.hasHeader();
          columns = columns(settings.hasHeader() ? record.cells() : null);
          if (settings.hasHeader()) {
            continue;
          }
        }
        rows++;
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, ProfileRows.Column> c : columns.entrySet()) {
          row.put(c.getKey(), record.cell(c.getValue().index()).strip());
        }
        chunk.add(row);
        chunkRows.add(record.row());
        if (chunk.size() >= CHUNK) {
          long[] counts = save(sink, chunk, chunkRows, columns, result, errors);
          accepted += counts[0];
          rejected += counts[1];
          chunk = new ArrayList<>(CHUNK);
          chunkRows = new ArrayList<>(CHUNK);
        }
      }
      if (!chunk.isEmpty()) {
        long[] counts = save(sink, chunk, chunkRows, columns, result, errors);
        accepted += counts[0];
        rejected += counts[1];
      }
      return new FileReading.Outcome(rows, accepted, rejected, null, headerSeen, errors);
    } catch (CsvRows.CsvProblem | FileProblem e) {
      return new FileReading.Outcome(rows, accepted, rejected, e.getMessage(), headerSeen, errors);
    }
  }

  /** The profile's columns as found in this file, by appointment key; fails when a named header is missing. */
  private Map<String, ProfileRows.Column> columns(List<String> header) throws FileProblem {
    Map<String, ProfileRows.Column> columns = new LinkedHashMap<>();
    columns.put("phone", ProfileRows.resolve(settings.columns().mobile(), "mobileColumn", header));
    for (Map.Entry<String, ColumnRef> e : settings.columns().appointments().entrySet()) {
      columns.put(e.getKey(), ProfileRows.resolve(e.getValue(), "appointmentColumns." + e.getKey(), header));
    }
    return columns;
  }

  /** Saves one chunk and writes what was refused; answers {accepted, rejected}. */
  private long[] save(Sink sink, List<Map<String, String>> chunk, List<Long> rows, Map<String, ProfileRows.Column> columns,
                      ResultFile result, JsonArray errors) throws IOException, InterruptedException {
    ImportTarget.Saved saved;
    try {
      saved = sink.save(chunk).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IOException("saving the appointments failed: " + e.getCause().getMessage(), e.getCause());
    }
    for (ImportTarget.Refused r : saved.refused()) {
      ProfileRows.Column column = r.key() == null ? null : columns.get(r.key());
      String where = column == null ? r.key() : column.label();
      Rejection rejection = new Rejection(rows.get(r.index()), where, r.value(),
          (where == null ? "" : where + ": ") + (r.value() == null ? "" : "'" + r.value() + "' ") + r.reason());
      result.rejected(rejection);
      if (errors.size() < errorsKept) {
        errors.add(rejection.toJson());
      }
    }
    return new long[] {saved.created() + saved.updated(), saved.refused().size()};
  }
}
