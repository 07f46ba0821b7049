package io.herald.smsc;

import io.herald.config.SmscConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound session of a connection (the transceiver, or the transmitter or receiver of a pair),
 * kept bound on the connection's event loop: notices loss (socket closed, unbind from the SMSC,
 * enquire_link without answer, a storm of generic_nack) and rebinds with capped, full-jitter
 * exponential backoff.
 */
final class SmppLink {
  private static final Logger log = LoggerFactory.getLogger(SmppLink.class);
  /** Consecutive generic_nack answers to submits after which the session is presumed broken. */
  static final int NACK_STORM = 10;

  private final Vertx vertx;
  private final NetClient client;
  private final SmscConfig config;
  private final BindType type;
  private final Function<DeliverSm, Future<Integer>> deliveries;
  private final Consumer<SmppLink> onChange;
  private final AtomicInteger consecutiveNacks = new AtomicInteger();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong bindFailures = new AtomicLong();
  private SmppSession session; // on the connection's context only
  private volatile String state = "connecting";
  private volatile String lastError;
  private volatile boolean stopping;
  private int failures;

  SmppLink(Vertx vertx, NetClient client, SmscConfig config, BindType type, Function<DeliverSm, Future<Integer>> deliveries,
           Consumer<SmppLink> onChange) {
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.type = type;
    this.deliveries = deliveries;
    this.onChange = onChange;
  }

  String role() {
    return switch (type) {
      case BIND_TX -> "tx";
      case BIND_RX -> "rx";
      default -> "trx";
    };
  }

  boolean bound() {
    return LinkState.BOUND.equals(state);
  }

  String state() {
    return state;
  }

  String lastError() {
    return lastError;
  }

  long reconnects() {
    return reconnects.get();
  }

  long bindFailures() {
    return bindFailures.get();
  }

  /** The bound session, or null. */
  SmppSession session() {
    return bound() ? session : null;
  }

  void start() {
    bind();
  }

  /** Unbinds; completes once the SMSC answered or the wait ran out. */
  Future<Void> stop() {
    stopping = true;
    SmppSession s = session;
    set("stopped", null);
    return s == null ? Future.succeededFuture() : s.unbind();
  }

  /** A submit got generic_nack: many in a row mean the session is broken, so drop it and rebind. */
  void genericNack() {
    if (consecutiveNacks.incrementAndGet() >= NACK_STORM) {
      consecutiveNacks.set(0);
      SmppSession s = session;
      log.warn("SMSC {} ({}) answered {} submits in a row with generic_nack; rebinding", config.name(), role(), NACK_STORM);
      if (s != null) {
        s.close("generic_nack storm"); // the close schedules the rebind
      }
    }
  }

  void answered() {
    consecutiveNacks.set(0);
  }

  private void bind() {
    if (stopping) {
      return;
    }
    SmppSession.bind(vertx, client, config, type, deliveries).onComplete(ar -> {
      if (ar.failed()) {
        bindFailures.incrementAndGet();
        retry("bind failed", why(ar.cause()));
        return;
      }
      SmppSession s = ar.result();
      if (stopping) {
        s.unbind();
        return;
      }
      session = s;
      failures = 0;
      consecutiveNacks.set(0);
      set(LinkState.BOUND, null);
      log.info("SMSC {} bound ({}) at {}:{} as {}", config.name(), role(), config.host(), config.port(), config.systemId());
      // after the state is set: a session already closed again calls this at once, and goes down
      s.closed().onSuccess(reason -> {
        if (session != s) {
          return;
        }
        session = null;
        if (!stopping) {
          reconnects.incrementAndGet();
          retry("connection lost", reason);
        }
      });
    });
  }

  private void retry(String what, String why) {
    set("down", why);
    if (stopping) {
      return;
    }
    long delay = backoff(++failures);
    log.warn("SMSC {} ({}:{}, {}) {}: {}; rebinding in {} ms", config.name(), config.host(), config.port(), role(),
        what, why, delay);
    vertx.setTimer(Math.max(1, delay), t -> bind());
  }

  /** Full jitter: uniform between reconnectMin and min(reconnectMax, reconnectMin * 2^(n-1)). */
  private long backoff(int attempt) {
    double ceiling = Math.min(config.reconnectMaxMillis(),
        config.reconnectMinMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
    return config.reconnectMinMillis()
        + (long) (ThreadLocalRandom.current().nextDouble() * (ceiling - config.reconnectMinMillis()));
  }

  private void set(String newState, String error) {
    state = newState;
    if (error != null) {
      lastError = error;
    }
    onChange.accept(this);
  }

  private static String why(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
