package io.herald.smsc;

import io.herald.config.SmscConfig.BindMode;
import io.herald.config.SmscConfig;
import io.herald.runtime.DaemonThreads;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.GenericNackResponseException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carrier SMSC connection: a jsmpp transceiver session, or a transmitter + receiver pair whose
 * receipts land in the same place. jsmpp blocks on every call, so binding runs on the connection's
 * bind thread and submits on a pool of {@code window} threads: up to window submits are in flight,
 * paced by the {@link Throttle}. Receipts go to the event bus address {@link #RECEIPTS}; replies
 * (MO) to {@link MoHandOff#FRAGMENTS}.
 */
public final class SmscConnection extends VerticleBase {
  public static final String RECEIPTS = "smsc.receipts";
  private static final Logger log = LoggerFactory.getLogger(SmscConnection.class);

  private final SmscConfig config;
  private final Throttle throttle;
  private final MessageIds.Format receiptIds;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<SmppLink> links = new ArrayList<>();
  private final SmscMeters meters;
  private final WireParts wireParts;
  private volatile String lastError;
  private volatile boolean responsesHaveHexLetters;
  private volatile boolean stopping;
  private SmppLink transmitter;
  private ScheduledExecutorService binder;
  private ExecutorService submitters;
  private Pacer pacer;

  public SmscConnection(SmscConfig config, MeterRegistry registry) {
    this.config = config;
    this.throttle = new Throttle(config.tps());
    this.receiptIds = MessageIds.Format.of(config.receiptIdFormat());
    this.meters = new SmscMeters(config.name(), registry, inFlight, links, () -> link().bound());
    this.wireParts = new WireParts(config);
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
    binder = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("smsc-" + config.name() + "-bind"));
    submitters = Executors.newFixedThreadPool(config.window(), new DaemonThreads("smsc-" + config.name() + "-submit"));
    pacer = new Pacer(config.name(), throttle, submitters);
    Receiver receiver = new Receiver(this);
    PacedConnectionFactory sockets = new PacedConnectionFactory(new RateCap(config.tps()), (int) config.responseTimeoutMillis());
    if (config.bindMode() == BindMode.TXRX) {
      transmitter = new SmppLink(config, BindType.BIND_TX, binder, receiver, this::changed, sockets);
      links.add(transmitter);
      links.add(new SmppLink(config, BindType.BIND_RX, binder, receiver, this::changed, sockets));
    } else {
      transmitter = new SmppLink(config, BindType.BIND_TRX, binder, receiver, this::changed, sockets);
      links.add(transmitter);
    }
    links.forEach(SmppLink::start);
    pacer.start();
    return Future.succeededFuture();
  }

  /** Lets submits in flight finish (they complete their futures), then unbinds. */
  @Override
  public Future<?> stop() {
    stopping = true;
    return vertx.executeBlocking(() -> {
      pacer.stop();
      submitters.shutdown();
      submitters.awaitTermination(config.responseTimeoutMillis() + 1_000, TimeUnit.MILLISECONDS);
      binder.shutdownNow();
      links.forEach(SmppLink::stop);
      return null;
    }, false);
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
    submission.begin();
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
        public void run() {
          SubmitOutcome failure = submitPart(sms, wire.get(index), dataCoding, index, wire.size(), ids);
          if (failure != null) {
            finish(failure);
          } else if (ids.size() == wire.size()) {
            meters.ok();
            finish(SubmitOutcome.submitted(config.name(), List.copyOf(ids)));
          } else {
            next(Integer.MIN_VALUE);
          }
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

  /** Submits one part; adds its id, or returns the outcome that ends the message. */
  private SubmitOutcome submitPart(Sms sms, WireParts.Wire part, byte dataCoding, int index, int total, List<String> ids) {
    SMPPSession session = transmitter.session();
    if (session == null) {
      meters.temporary();
      return SubmitOutcome.temporary(config.name(), List.copyOf(ids), "bind lost", "connection " + config.name() + " is not bound");
    }
    String where = total > 1 ? " (part " + (index + 1) + " of " + total + ")" : "";
    try {
      SubmitSmResult result = session.submitShortMessage(
          config.systemType().isEmpty() ? null : config.systemType(),
          wireParts.sourceTon(sms.source()), wireParts.sourceNpi(sms.source()), WireParts.sourceAddress(sms.source()),
          TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, WireParts.strip(sms.destination()),
          part.esm(), (byte) 0, (byte) 1, null, null,
          new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
          new RawDataCoding(dataCoding), (byte) 0, part.shortMessage(), part.tlvs());
      meters.answered();
      transmitter.answered();
      throttle.accepted();
      String id = MessageIds.normalise(result.getMessageId());
      if (!responsesHaveHexLetters && MessageIds.hasHexLetters(id)) {
        responsesHaveHexLetters = true;
      }
      ids.add(id);
      return null;
    } catch (NegativeResponseException e) {
      meters.answered();
      transmitter.answered();
      int status = e.getCommandStatus();
      meters.refused(status);
      String detail = "submit_sm refused by " + config.name() + ": " + CommandStatus.describe(status) + where;
      if (CommandStatus.isThrottling(status)) {
        throttle.throttled();
        meters.throttled();
      }
      if (CommandStatus.isTemporary(status)) {
        meters.temporary();
        return SubmitOutcome.temporary(config.name(), List.copyOf(ids), CommandStatus.hex(status), detail);
      }
      meters.permanent();
      return SubmitOutcome.permanent(config.name(), List.copyOf(ids), CommandStatus.hex(status), detail);
    } catch (GenericNackResponseException e) {
      transmitter.genericNack();
      meters.refused(e.getCommandStatus());
      meters.temporary();
      return SubmitOutcome.temporary(config.name(), List.copyOf(ids), "generic_nack",
          config.name() + " answered generic_nack " + CommandStatus.describe(e.getCommandStatus()) + where);
    } catch (ResponseTimeoutException e) {
      meters.temporary();
      return SubmitOutcome.temporary(config.name(), List.copyOf(ids), "response timeout",
          "no submit_sm_resp from " + config.name() + " within " + config.responseTimeoutMillis() + " ms" + where);
    } catch (Exception e) { // IOException, PDUException, InvalidResponseException: the link is gone or broken
      meters.temporary();
      return SubmitOutcome.temporary(config.name(), List.copyOf(ids), "bind lost",
          "submit on " + config.name() + " failed: " + e.getMessage() + where);
    }
  }

  // ---- incoming, on jsmpp's PDU threads ----

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
    return responsesHaveHexLetters;
  }

  Vertx vertx() {
    return vertx;
  }

  static void registerCodec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Receipt.class, new LocalCodec<>(Receipt.class));
  }
}
