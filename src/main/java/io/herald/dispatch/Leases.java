package io.herald.dispatch;

import io.herald.messages.Claims;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The messages this dispatcher holds a lease on (claimed, their outcome not yet written): renewed
 * while held, so a lease outlives the slowest way through the pipeline; leases others let run out
 * (a crashed node) go back to the queue.
 */
final class Leases {
  private final Claims store;
  private final Clock clock;
  private final int leaseSeconds;
  private final DatabaseWatch database;
  private final Set<Long> held = new HashSet<>();

  Leases(Claims store, Clock clock, int leaseSeconds, DatabaseWatch database) {
    this.store = store;
    this.clock = clock;
    this.leaseSeconds = leaseSeconds;
    this.database = database;
  }

  void hold(long messageId) {
    held.add(messageId);
  }

  void release(long messageId) {
    held.remove(messageId);
  }

  void renew() {
    if (held.isEmpty()) {
      return;
    }
    store.renewLeases(List.copyOf(held), clock.instant(), leaseSeconds)
        .onFailure(e -> database.trouble("cannot renew leases", e));
  }

  /** Returns expired leases to the queue; answers how many. */
  Future<Long> recover() {
    return store.recoverLeases(clock.instant());
  }
}
