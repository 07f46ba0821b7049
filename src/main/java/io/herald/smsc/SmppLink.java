package io.herald.smsc;

import io.herald.config.SmscConfig;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound jsmpp session of a connection (the transceiver, or the transmitter or receiver of a
 * pair), kept bound: binds on the connection's bind thread, notices loss (socket closed, unbind
 * from the SMSC, enquire_link without answer, a storm of generic_nack) and rebinds with capped,
 * full-jitter exponential backoff. Every session it gives up is closed, so no threads leak.
 */
final class SmppLink {
  private static final Logger log = LoggerFactory.getLogger(SmppLink.class);
  /** Consecutive generic_nack answers to submits after which the session is presumed broken. */
  static final int NACK_STORM = 10;

  private final SmscConfig config;
  private final BindType type;
  private final ScheduledExecutorService binder;
  private final MessageReceiverListener receiver;
  private final Consumer<SmppLink> onChange;
  private final org.jsmpp.session.connection.ConnectionFactory sockets;
  private final AtomicInteger consecutiveNacks = new AtomicInteger();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong bindFailures = new AtomicLong();
  private volatile SMPPSession session;
  private volatile String state = "connecting";
  private volatile String lastError;
  private volatile boolean stopping;
  private int failures;

  SmppLink(SmscConfig config, BindType type, ScheduledExecutorService binder, MessageReceiverListener receiver,
           Consumer<SmppLink> onChange, org.jsmpp.session.connection.ConnectionFactory sockets) {
    this.sockets = sockets;
    this.config = config;
    this.type = type;
    this.binder = binder;
    this.receiver = receiver;
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
  SMPPSession session() {
    return bound() ? session : null;
  }

  void start() {
    binder.execute(this::bind);
  }

  void stop() {
    stopping = true;
    SMPPSession s = session;
    if (s != null) {
      s.unbindAndClose();
    }
    set("stopped", null);
  }

  /** A submit got generic_nack: many in a row mean the session is broken, so drop it and rebind. */
  void genericNack() {
    if (consecutiveNacks.incrementAndGet() >= NACK_STORM) {
      consecutiveNacks.set(0);
      SMPPSession s = session;
      log.warn("SMSC {} ({}) answered {} submits in a row with generic_nack; rebinding", config.name(), role(), NACK_STORM);
      if (s != null) {
        s.close(); // the state listener schedules the rebind
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
    SMPPSession s = new SMPPSession(sockets);
    s.setEnquireLinkTimer(config.enquireLinkSeconds() * 1000);
    s.setTransactionTimer(config.responseTimeoutMillis());
    // jsmpp answers ESME_RTHROTTLED itself when its receive queue is full: leave room for a burst
    // of receipts. A receipt's thread waits until the receipt is written (it is acknowledged only
    // then), so there are enough threads for a window's worth of receipts and responses.
    s.setQueueCapacity(Math.max(1_000, config.window() * 20));
    s.setPduProcessorDegree(Math.max(8, Math.min(config.window() * 2, 256)));
    s.setMessageReceiverListener(receiver);
    try {
      s.connectAndBind(config.host(), config.port(), new BindParameter(type, config.systemId(), config.password(),
          config.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
          config.responseTimeoutMillis());
    } catch (IOException e) {
      s.close();
      bindFailures.incrementAndGet();
      retry("bind failed", why(e));
      return;
    }
    s.addSessionStateListener((newState, oldState, source) -> {
      if (newState == SessionState.CLOSED && source == session) {
        session = null;
        if (!stopping) {
          reconnects.incrementAndGet();
          retry("connection lost", "connection lost");
        }
      }
    });
    session = s;
    if (!s.getSessionState().isBound()) { // lost between the bind and the listener
      s.close();
      session = null;
      retry("connection lost", "connection lost right after bind");
      return;
    }
    failures = 0;
    consecutiveNacks.set(0);
    set(LinkState.BOUND, null);
    log.info("SMSC {} bound ({}) at {}:{} as {}", config.name(), role(), config.host(), config.port(), config.systemId());
  }

  private void retry(String what, String why) {
    set("down", why);
    if (stopping || binder.isShutdown()) {
      return;
    }
    long delay = backoff(++failures);
    log.warn("SMSC {} ({}:{}, {}) {}: {}; rebinding in {} ms", config.name(), config.host(), config.port(), role(),
        what, why, delay);
    try {
      binder.schedule(this::bind, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // shutting down
    }
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

  private static String why(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NegativeResponseException n) {
        return "bind refused: " + CommandStatus.describe(n.getCommandStatus());
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
