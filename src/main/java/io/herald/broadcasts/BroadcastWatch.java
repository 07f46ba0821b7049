package io.herald.broadcasts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends approved broadcasts, and scheduled ones when their time comes; each is claimed in the
 * database as it is sent, so one node sends it, and one a node did not finish is sent again.
 */
public final class BroadcastWatch extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(BroadcastWatch.class);
  private final BroadcastStore store;
  private final BroadcastSend send;
  private final Clock clock;
  private final long everyMillis;
  private long timer;
  private boolean running;

  BroadcastWatch(BroadcastStore store, BroadcastSend send, Clock clock, long everyMillis) {
    this.store = store;
    this.send = send;
    this.clock = clock;
    this.everyMillis = everyMillis;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(everyMillis, t -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    store.due(clock.instant())
        .compose(due -> Future.join(due.stream().map(d -> send.send(d[0], d[1])
            .onFailure(e -> log.warn("broadcast {} was not sent: {}", d[1], e.getMessage()))).toList()))
        .onComplete(ar -> running = false);
  }
}
