package io.herald.smsc;

import io.herald.config.SmscConfig.BindMode;
import io.herald.config.SmscConfig;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.Encoding;
import io.herald.smsc.encoding.TextEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DefaultComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carrier SMSC connection: a transceiver session, or a transmitter + receiver pair whose
 * receipts land in the same place. Every session runs on this verticle's event loop: up to
 * {@code window} submit_sm are unanswered at once, released by the {@link Pacer} at the
 * {@link Throttle}'s pace. Receipts go to the event bus address {@link #RECEIPTS}; replies (MO) to
 * {@link MoHandOff#FRAGMENTS}; each deliver_sm is answered once what it brought is stored.
 */
public final class SmscConnection extends VerticleBase {
  public static final String RECEIPTS = "smsc.receipts";
  private static final Logger log = LoggerFactory.getLogger(SmscConnection.class);
  private static final DefaultComposer COMPOSER = new DefaultComposer();
  private static final byte RECEIPT_ON_SUCCESS_OR_FAILURE = new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE).value();

  private final SmscConfig config;
  private final Throttle throttle;
  private final MessageIds.Format receiptIds;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<SmppLink> links = new ArrayList<>();
  private final SmscMeters meters;
  private final WireParts wireParts;
  private final SubmitResponses responses;
  private volatile String lastError;
  private volatile boolean stopping;
  private SmppLink transmitter;
  private NetClient client;
  private Pacer pacer;

  public SmscConnection(SmscConfig config, MeterRegistry registry) {
    this.config = config;
    this.throttle = new Throttle(config.tps());
    this.receiptIds = MessageIds.Format.of(config.receiptIdFormat());
    this.meters = new SmscMeters(config.name(), registry, inFlight, links, () -> link().bound());
    this.wireParts = new WireParts(config);
    this.responses = new SubmitResponses(config, meters, throttle, () -> pacer != null && pacer.backlog());
  }

  public String name() {
    return config.name();
  }

  public SmscConfig settings() {
    return config;
  }

  /** Bound when every session of the connection is bound. */
  public LinkState link() {
    if (links.isEmpty()) {
      return new LinkState(config.name(), "connecting", null);
    }
    for (SmppLink l : links) {
      if (!l.bound()) {
        String who = links.size() > 1 ? l.role() + " " : "";
        return new LinkState(config.name(), who + l.state(), l.lastError());
      }
    }
    return new LinkState(config.name(), LinkState.BOUND, null);
  }

  /** The transmitting session is bound and the connection is not stopping. */
  public boolean canSubmit() {
    return transmitter != null && transmitter.bound() && !stopping;
  }

  /** Submits this connection can take right now without exceeding its window. */
  public int freeWindow() {
    return canSubmit() ? Math.max(0, config.window() - inFlight.get()) : 0;
  }

  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public Future<?> start() {
    client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.responseTimeoutMillis())));
    pacer = new Pacer(vertx, throttle, config.window());
    Receiver receiver = new Receiver(this);
    if (config.bindMode() == BindMode.TXRX) {
      transmitter = new SmppLink(vertx, client, config, BindType.BIND_TX, receiver, this::changed);
      links.add(transmitter);
      links.add(new SmppLink(vertx, client, config, BindType.BIND_RX, receiver, this::changed));
    } else {
      transmitter = new SmppLink(vertx, client, config, BindType.BIND_TRX, receiver, this::changed);
      links.add(transmitter);
    }
    links.forEach(SmppLink::start);
    return Future.succeededFuture();
  }

  /** Lets submits in flight finish (they complete their futures), then unbinds. */
  @Override
  public Future<?> stop() {
    stopping = true;
    Promise<Void> answered = Promise.promise();
    long backstop = vertx.setTimer(config.responseTimeoutMillis() + 1_000, t -> answered.tryComplete());
    pacer.stop().onComplete(v -> answered.tryComplete());
    return answered.future()
        .compose(v -> {
          vertx.cancelTimer(backstop);
          return Future.join(links.stream().map(SmppLink::stop).toList());
        })
        .eventually(() -> client.close());
  }

  private void changed(SmppLink link) {
    if (link.lastError() != null) {
      lastError = link.role() + ": " + link.lastError();
    }
  }

  /** State, window use, rate and counters, for operators. */
  public JsonObject snapshot() {
    LinkState state = link();
    JsonObject snapshot = new JsonObject()
        .put("name", config.name())
        .put("host", config.host())
        .put("port", config.port())
        .put("bindMode", config.bindMode().name().toLowerCase())
        .put("state", state.state())
        .put("window", config.window())
        .put("inFlight", inFlight.get())
        .put("tps", config.tps())
        .put("currentTps", Math.round(throttle.currentRate() * 10) / 10.0)
        .put("learntCeilingTps", Math.round(throttle.ceiling() * 10) / 10.0)
        .put("lastError", lastError);
    return meters.addTo(snapshot);
  }

  /**
   * Submits every part of one text, most urgent first: lower priority values go before higher ones
   * (dispatch passes the lane). The future completes on the caller's context. Call only while
   * {@link #freeWindow()} is positive.
   */
  public Future<SubmitOutcome> submit(Sms sms, int priority) {
    Context caller = vertx.getOrCreateContext();
    Promise<SubmitOutcome> promise = Promise.promise();
    inFlight.incrementAndGet();
    Submission submission = new Submission(sms, priority, outcome -> {
      inFlight.decrementAndGet();
      caller.runOnContext(v -> promise.complete(outcome));
    });
    context.runOnContext(v -> submission.begin()); // the sessions and the pacer live on this verticle's loop
    return promise.future();
  }

  public Future<SubmitOutcome> submit(Sms sms) {
    return submit(sms, 0);
  }

  /** One text on its way: its parts go through the pacer one after another. */
  private final class Submission {
    private final Sms sms;
    private final int priority;
    private final java.util.function.Consumer<SubmitOutcome> done;
    private final List<String> ids = new ArrayList<>();
    private List<WireParts.Wire> wire;

    Submission(Sms sms, int priority, java.util.function.Consumer<SubmitOutcome> done) {
      this.sms = sms;
      this.priority = priority;
      this.done = done;
    }

    void begin() {
      EncodedText text;
      try {
        text = config.dataCoding() == SmscConfig.DataCoding.UCS2
            ? TextEncoder.encode(sms.body(), Encoding.UCS2) : TextEncoder.encode(sms.body());
      } catch (RuntimeException e) {
        finish(SubmitOutcome.permanent(config.name(), ids, "encoding", "the text cannot be encoded: " + e.getMessage()));
        return;
      }
      if (text.segments() > config.maxParts()) {
        meters.permanent();
        finish(SubmitOutcome.permanent(config.name(), ids, "too long", "the text needs " + text.segments()
            + " parts; connection " + config.name() + " takes at most " + config.maxParts()));
        return;
      }
      wire = wireParts.of(text);
      dataCoding = (byte) text.encoding().dataCoding();
      next(priority);
    }

    private byte dataCoding;

    /** Queues the next part; a message already under way goes ahead of new ones. */
    private void next(int partPriority) {
      int index = ids.size();
      pacer.offer(new Pacer.Part(partPriority) {
        @Override
        Future<?> send() {
          return submitPart(sms, wire.get(index), dataCoding, index, wire.size(), ids).andThen(ar -> {
            SubmitOutcome failure = ar.result();
            if (failure != null) {
              finish(failure);
            } else if (ids.size() == wire.size()) {
              meters.ok();
              finish(SubmitOutcome.submitted(config.name(), List.copyOf(ids)));
            } else {
              next(Integer.MIN_VALUE);
            }
          });
        }

        @Override
        void abandon() {
          meters.temporary();
          finish(SubmitOutcome.temporary(config.name(), List.copyOf(ids), "stopping",
              "connection " + config.name() + " stopped before the submit"));
        }
      });
    }

    private void finish(SubmitOutcome outcome) {
      try {
        done.accept(outcome);
      } catch (RuntimeException e) {
        log.error("SMSC {}: could not hand back a submit outcome", config.name(), e);
      }
    }
  }

  /** Submits one part; adds its id, or completes with the outcome that ends the message. Never fails. */
  private Future<SubmitOutcome> submitPart(Sms sms, WireParts.Wire part, byte dataCoding, int index, int total, List<String> ids) {
    SmppSession session = transmitter.session();
    if (session == null) {
      meters.temporary();
      return Future.succeededFuture(SubmitOutcome.temporary(config.name(), List.copyOf(ids), "bind lost",
          "connection " + config.name() + " is not bound"));
    }
    String where = total > 1 ? " (part " + (index + 1) + " of " + total + ")" : "";
    byte[] pdu;
    try {
      pdu = COMPOSER.submitSm(session.nextSequence(), config.systemType().isEmpty() ? null : config.systemType(),
          wireParts.sourceTon(sms.source()).value(), wireParts.sourceNpi(sms.source()).value(),
          WireParts.sourceAddress(sms.source()), TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(),
          WireParts.strip(sms.destination()), part.esm().value(), (byte) 0, (byte) 1, null, null,
          RECEIPT_ON_SUCCESS_OR_FAILURE, (byte) 0, dataCoding, (byte) 0, part.shortMessage(), part.tlvs());
    } catch (PDUStringException e) {
      meters.permanent();
      return Future.succeededFuture(SubmitOutcome.permanent(config.name(), List.copyOf(ids), "invalid",
          "submit_sm cannot carry this text: " + e.getMessage() + where));
    }
    long written = System.nanoTime();
    return session.request(pdu).transform(ar -> Future.succeededFuture(ar.succeeded()
        ? responses.answered(transmitter, ar.result(), written, where, ids)
        : responses.unanswered(ar.cause(), where, ids)));
  }

  // ---- incoming, on this verticle's event loop ----

  /** Hands a receipt to dispatch; completes once it is written. */
  Future<Void> receipt(Receipt receipt) {
    meters.receipt();
    return vertx.eventBus().<Void>request(RECEIPTS, receipt,
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(10_000)).mapEmpty();
  }

  MessageIds.Format receiptIdFormat() {
    return receiptIds;
  }

  /** Whether this connection's submit_sm_resp ids have shown hex letters (then they are not decimal). */
  boolean responsesHaveHexLetters() {
    return responses.haveHexLetters();
  }

  Vertx vertx() {
    return vertx;
  }

  static void registerCodec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Receipt.class, new LocalCodec<>(Receipt.class));
  }
}
