package io.herald.broadcasts;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Senders;
import io.herald.contacts.Audiences;
import io.herald.contacts.Fields;
import io.herald.ingest.Intake;
import io.herald.jobs.JobStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** Broadcasts and their SMS library, built once; the watch sends scheduled ones when their time comes. */
public final class BroadcastService {
  private final SmsLibrary library;
  private final Broadcasts broadcasts;
  private final BroadcastWatch watch;

  public BroadcastService(Vertx vertx, Pool pool, AccountStore accounts, Senders senders, Fields fields, Audiences audiences,
                          JobStore jobs, Intake intake, int maxParts, Clock clock, long checkMillis) {
    BroadcastStore store = new BroadcastStore(pool);
    this.library = new SmsLibrary(pool, fields, senders, maxParts);
    BroadcastSend send = new BroadcastSend(store, audiences, intake);
    this.broadcasts = new Broadcasts(store, library, audiences, accounts, senders, jobs, send, vertx.eventBus(), clock);
    this.watch = new BroadcastWatch(store, send, clock, checkMillis);
  }

  public SmsLibrary library() {
    return library;
  }

  public Broadcasts broadcasts() {
    return broadcasts;
  }

  /** Deploy once. */
  public BroadcastWatch watch() {
    return watch;
  }
}
