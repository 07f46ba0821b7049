package io.herald.drop;

import io.herald.accounts.Account;
import io.herald.contacts.Field;
import io.herald.ingest.CsvRows;
import io.herald.ingest.TextFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Reads one file on a reader thread (never an event loop): record by record, each mapped by the
 * profile; rejected rows go straight to the result file, accepted rows go to the sink a chunk at a
 * time. The next chunk is read while the previous one is written, and no further: what is in
 * memory is bounded by two chunks, whatever the size of the file.
 */
final class FileReading {
  static final int CHUNK = 1_000;

  /** Where accepted rows go; write is called from the reader thread, its future completes when written. */
  interface Sink {
    Future<Void> write(List<MappedRow> rows);
  }

  /** What reading came to. problem is set when the file could not be read to its end. */
  record Outcome(long rows, long accepted, long rejected, String problem, boolean hadHeader, JsonArray errors) {}

  private final ProfileSettings settings;
  private final Account account;
  private final Map<String, String> keywordMessages;
  private final Map<String, Field> contactFields;
  private final int maxParts;
  private final int errorsKept;

  FileReading(ProfileSettings settings, Account account, Map<String, String> keywordMessages,
              Map<String, Field> contactFields, int maxParts, int errorsKept) {
    this.settings = settings;
    this.account = account;
    this.keywordMessages = keywordMessages;
    this.contactFields = contactFields;
    this.maxParts = maxParts;
    this.errorsKept = errorsKept;
  }

  Outcome read(Path file, TextFacts facts, ResultFile result, Sink sink) throws IOException, InterruptedException {
    long rows = 0;
    long accepted = 0;
    long rejected = 0;
    JsonArray errors = new JsonArray();
    boolean headerSeen = false;
    ProfileRows mapper = null;
    Future<Void> inFlight = Future.succeededFuture();
    List<MappedRow> chunk = new ArrayList<>(CHUNK);
    try (CsvRows csv = CsvRows.open(file, facts.textEncoding())) {
      CsvRows.Record record;
      while ((record = csv.next()) != null) {
        if (mapper == null) {
          if (record.blank()) {
            continue;
          }
          headerSeen = settings.hasHeader();
          mapper = new ProfileRows(settings, account, settings.hasHeader() ? record.cells() : null, keywordMessages,
              contactFields, maxParts);
          if (settings.hasHeader()) {
            continue;
          }
        }
        if (record.blank()) {
          continue;
        }
        rows++;
        MappedRow mapped = mapper.map(record);
        if (mapped.accepted()) {
          accepted++;
          chunk.add(mapped);
          if (chunk.size() >= CHUNK) {
            await(inFlight);
            inFlight = sink.write(chunk);
            chunk = new ArrayList<>(CHUNK);
          }
        } else {
          rejected++;
          result.rejected(mapped.rejection());
          if (errors.size() < errorsKept) {
            errors.add(mapped.rejection().toJson());
          }
        }
      }
      await(inFlight);
      if (!chunk.isEmpty()) {
        await(sink.write(chunk));
      }
      return new Outcome(rows, accepted, rejected, null, headerSeen, errors);
    } catch (CsvRows.CsvProblem | FileProblem e) {
      await(inFlight);
      return new Outcome(rows, accepted, rejected, e.getMessage(), headerSeen, errors);
    }
  }

  private static void await(Future<Void> written) throws IOException, InterruptedException {
    try {
      written.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IOException("writing the rows failed: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
