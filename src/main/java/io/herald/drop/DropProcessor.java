package io.herald.drop;

import io.herald.accounts.AccountStore;
import io.herald.contacts.ContactUpserts;
import io.herald.contacts.Fields;
import io.herald.contacts.ImportTarget;
import io.herald.inbox.ConversationLocks;
import io.herald.ingest.Intake;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutorService;

/**
 * Turns one received file into a job: a row adapter of the intake, which owns the transaction, the
 * checks and writes of the rows, and tells dispatch after the commit. A file
 * with no valid row, one that cannot be read, or content this profile already sent leaves no job
 * and goes to error/; otherwise to processed/. Either way its result file lands beside it.
 *
 * <p>Runs on the drop verticle's event loop; reading the file and moving it happen on reader
 * threads that report back with futures.
 */
public final class DropProcessor {
  /**
   * A received file is done with: {accountId, fileId, name, profile, status (processed, error,
   * duplicate), reason, rows, accepted, rejected, jobId}.
   */
  public static final String FINISHED = "drop.files.finished";

  private final DropStore store;
  private final DropFolders folders;
  private final DropReaders readers;
  private final DropRun.Services services;

  public DropProcessor(Vertx vertx, DropStore store, MessageKeywordStore keywords, AccountStore accounts, Fields contactFields,
                       ContactUpserts contactUpserts, Intake intake, DropFolders folders,
                       ExecutorService readers, int maxParts, MeterRegistry registry, ImportTarget appointments) {
    this.store = store;
    this.folders = folders;
    this.readers = new DropReaders(readers);
    this.services = new DropRun.Services(vertx, store, keywords, accounts, contactFields, contactUpserts, intake,
        new ConversationLocks(), folders, this.readers, new DropMeters(registry), maxParts, appointments);
  }

  /** Processes the file; the answer is what the HTTP upload shows (and the summary row holds). */
  public Future<JsonObject> process(Received file) {
    return new DropRun(services, file, Vertx.currentContext()).run();
  }

  /** Files a stop or crash left half-done: nothing of theirs was committed, so they go to error/. */
  public Future<Void> recover() {
    return new DropRecovery(store, folders, readers).recover();
  }
}
