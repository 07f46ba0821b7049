package io.herald.smsc;

import io.herald.accounts.SenderKind;
import io.herald.config.SmscConfig;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.herald.smsc.encoding.Udh;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP connection to a carrier SMSC, as a jsmpp transceiver session. jsmpp blocks on every
 * call, so binding runs on this connection's own bind thread and submits on a pool of
 * {@code window} threads: up to window submits are in flight, paced by a token bucket. The session
 * rebinds with capped, jittered exponential backoff whenever it is lost. Receipts go to the event
 * bus address {@link #RECEIPTS}.
 */
public final class SmscConnection extends VerticleBase {
  public static final String RECEIPTS = "smsc.receipts";
  private static final Logger log = LoggerFactory.getLogger(SmscConnection.class);

  private final SmscConfig config;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicReference<LinkState> link;
  private final AtomicInteger concatReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));
  private final Throttle bucket;
  private final Timer submitTimer;
  private final MeterRegistry registry;
  private volatile SMPPSession session;
  private volatile boolean stopping;
  private int failedBinds;
  private ScheduledExecutorService binder;
  private ExecutorService submitters;

  public SmscConnection(SmscConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    this.bucket = new Throttle(config.tps());
    this.link = new AtomicReference<>(new LinkState(config.name(), "connecting", null));
    this.submitTimer = Timer.builder("herald_submit")
        .description("Time from submit_sm to its response")
        .tag("smsc", config.name())
        .publishPercentileHistogram()
        .register(registry);
  }

  public String name() {
    return config.name();
  }

  public SmscConfig settings() {
    return config;
  }

  public LinkState link() {
    return link.get();
  }

  /** Submits this connection can take right now without exceeding its window. */
  public int freeWindow() {
    return link.get().bound() && !stopping ? Math.max(0, config.window() - inFlight.get()) : 0;
  }

  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public Future<?> start() {
    binder = Executors.newSingleThreadScheduledExecutor(daemon("smsc-" + config.name() + "-bind"));
    submitters = Executors.newFixedThreadPool(config.window(), daemon("smsc-" + config.name() + "-submit"));
    binder.execute(this::bind);
    return Future.succeededFuture();
  }

  /** Lets in-flight submits finish (they complete their futures), then unbinds. */
  @Override
  public Future<?> stop() {
    stopping = true;
    return vertx.executeBlocking(() -> {
      submitters.shutdown();
      submitters.awaitTermination(config.responseTimeoutMillis() + 1_000, TimeUnit.MILLISECONDS);
      binder.shutdownNow();
      SMPPSession s = session;
      if (s != null) {
        s.unbindAndClose();
      }
      link.set(new LinkState(config.name(), "stopped", null));
      return null;
    }, false);
  }

  /**
   * Submits every part of one text. The returned future completes on the caller's context. Call
   * only while {@link #freeWindow()} is positive.
   */
  public Future<SubmitOutcome> submit(Sms sms) {
    Context caller = vertx.getOrCreateContext();
    Promise<SubmitOutcome> promise = Promise.promise();
    inFlight.incrementAndGet();
    try {
      submitters.execute(() -> {
        SubmitOutcome outcome = submitParts(sms);
        inFlight.decrementAndGet();
        caller.runOnContext(v -> promise.complete(outcome));
      });
    } catch (RuntimeException rejected) { // pool shut down: we are stopping
      inFlight.decrementAndGet();
      return Future.succeededFuture(SubmitOutcome.temporary(config.name(), List.of(), "stopping",
          "connection " + config.name() + " is stopping"));
    }
    return promise.future();
  }

  private SubmitOutcome submitParts(Sms sms) {
    EncodedText text = TextEncoder.encode(sms.body());
    int total = text.segments();
    int reference = concatReference.getAndIncrement() & 0xFF;
    SenderKind kind = SenderKind.of(sms.source());
    List<String> ids = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      SMPPSession s = session;
      if (s == null || !link.get().bound()) {
        return SubmitOutcome.temporary(config.name(), ids, "not bound", "connection " + config.name() + " is not bound");
      }
      byte[] payload = text.parts().get(i);
      ESMClass esm = new ESMClass();
      if (total > 1) {
        byte[] udh = Udh.concat8(reference, total, i + 1);
        byte[] withUdh = new byte[udh.length + payload.length];
        System.arraycopy(udh, 0, withUdh, 0, udh.length);
        System.arraycopy(payload, 0, withUdh, udh.length, payload.length);
        payload = withUdh;
        esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
      }
      long started = System.nanoTime();
      try {
        bucket.acquire();
        started = System.nanoTime();
        SubmitSmResult result = s.submitShortMessage(
            config.systemType().isEmpty() ? null : config.systemType(),
            sourceTon(kind), sourceNpi(kind), sourceAddress(sms.source(), kind),
            TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, strip(sms.destination()),
            esm, (byte) 0, (byte) 1, null, null,
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
            new RawDataCoding((byte) text.encoding().dataCoding()), (byte) 0, payload);
        submitTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        ids.add(MessageIds.normalise(result.getMessageId()));
      } catch (NegativeResponseException e) {
        submitTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        int status = e.getCommandStatus();
        String detail = "submit_sm refused by " + config.name() + ": " + CommandStatus.describe(status)
            + (total > 1 ? " (part " + (i + 1) + " of " + total + ")" : "");
        return CommandStatus.isTemporary(status)
            ? SubmitOutcome.temporary(config.name(), ids, CommandStatus.hex(status), detail)
            : SubmitOutcome.permanent(config.name(), ids, CommandStatus.hex(status), detail);
      } catch (ResponseTimeoutException e) {
        return SubmitOutcome.temporary(config.name(), ids, "response timeout",
            "no submit_sm_resp from " + config.name() + " within " + config.responseTimeoutMillis() + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return SubmitOutcome.temporary(config.name(), ids, "stopping", "interrupted while stopping");
      } catch (Exception e) { // IOException, PDUException, InvalidResponseException: the link is gone or broken
        return SubmitOutcome.temporary(config.name(), ids, "bind lost",
            "submit on " + config.name() + " failed: " + e.getMessage());
      }
    }
    return SubmitOutcome.submitted(config.name(), ids);
  }

  private static TypeOfNumber sourceTon(SenderKind kind) {
    return switch (kind) {
      case ALPHANUMERIC -> TypeOfNumber.ALPHANUMERIC;
      case SHORT_CODE -> TypeOfNumber.NETWORK_SPECIFIC;
      case LONG_CODE -> TypeOfNumber.INTERNATIONAL;
    };
  }

  private static NumberingPlanIndicator sourceNpi(SenderKind kind) {
    return kind == SenderKind.LONG_CODE ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
  }

  private static String sourceAddress(String address, SenderKind kind) {
    return kind == SenderKind.LONG_CODE ? strip(address) : address;
  }

  private static String strip(String e164) {
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }

  // ---- binding ----

  private void bind() {
    if (stopping) {
      return;
    }
    SMPPSession s = new SMPPSession();
    s.setEnquireLinkTimer(config.enquireLinkSeconds() * 1000);
    s.setTransactionTimer(config.responseTimeoutMillis());
    s.setMessageReceiverListener(new Receiver());
    try {
      s.connectAndBind(config.host(), config.port(), new BindParameter(BindType.BIND_TRX,
          config.systemId(), config.password(), config.systemType(), TypeOfNumber.UNKNOWN,
          NumberingPlanIndicator.UNKNOWN, null), config.responseTimeoutMillis());
    } catch (IOException e) {
      s.close();
      String why = bindFailure(e);
      link.set(new LinkState(config.name(), "down", why));
      long delay = backoff(++failedBinds);
      log.warn("SMSC {} ({}:{}) bind failed: {}; retrying in {} ms", config.name(), config.host(),
          config.port(), why, delay);
      scheduleBind(delay);
      return;
    }
    failedBinds = 0;
    session = s;
    s.addSessionStateListener((newState, oldState, source) -> {
      if (newState == SessionState.CLOSED && source == session) {
        session = null;
        if (!stopping) {
          link.set(new LinkState(config.name(), "down", "connection lost"));
          long delay = backoff(1);
          log.warn("SMSC {} connection lost; rebinding in {} ms", config.name(), delay);
          scheduleBind(delay);
        }
      }
    });
    if (s.getSessionState() != SessionState.BOUND_TRX) { // lost between bind and listener
      s.close();
      session = null;
      scheduleBind(backoff(1));
      return;
    }
    link.set(new LinkState(config.name(), LinkState.BOUND, null));
    log.info("SMSC {} bound at {}:{} as {}", config.name(), config.host(), config.port(), config.systemId());
  }

  private void scheduleBind(long delayMillis) {
    if (!stopping && !binder.isShutdown()) {
      binder.schedule(this::bind, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Full-jitter exponential backoff between reconnectMin and reconnectMax. */
  private long backoff(int attempt) {
    double ceiling = Math.min(config.reconnectMaxMillis(),
        config.reconnectMinMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
    return config.reconnectMinMillis()
        + (long) (ThreadLocalRandom.current().nextDouble() * (ceiling - config.reconnectMinMillis()));
  }

  private static String bindFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NegativeResponseException n) {
        return "bind refused: " + CommandStatus.describe(n.getCommandStatus());
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  // ---- incoming ----

  /** Runs on jsmpp's PDU threads: parse and hand over, nothing slow. */
  private final class Receiver implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
      if (deliverSm.isSmscDeliveryReceipt()) {
        String text = deliverSm.getShortMessage() == null ? ""
            : new String(deliverSm.getShortMessage(), java.nio.charset.StandardCharsets.ISO_8859_1);
        OptionalParameter idTlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        OptionalParameter stateTlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        String receiptedId = idTlv instanceof OptionalParameter.COctetString c ? c.getValueAsString() : null;
        Integer state = stateTlv instanceof OptionalParameter.Byte b ? (int) b.getValue() : null;
        ReceiptParser.parse(config.name(), text, receiptedId, state, Instant.now()).ifPresentOrElse(
            receipt -> vertx.eventBus().send(RECEIPTS, receipt),
            () -> log.warn("SMSC {} sent a receipt Herald cannot read: {}", config.name(), text));
      } else {
        registry.counter("herald_mo_received", "smsc", config.name()).increment();
        log.debug("SMSC {} delivered a mobile-originated message; replies are not handled yet", config.name());
      }
    }

    @Override
    public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification alertNotification) {}

    @Override
    public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, org.jsmpp.session.Session source)
        throws org.jsmpp.extra.ProcessRequestException {
      throw new org.jsmpp.extra.ProcessRequestException("data_sm is not supported", 0x03);
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static void registerCodec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Receipt.class, new LocalCodec<>(Receipt.class));
  }
}
