package io.herald.dispatch;

import io.herald.accounts.AccountStore;
import io.herald.config.HeraldConfig.DispatchConfig;
import io.herald.jobs.JobEvents;
import io.herald.jobs.JobStore;
import io.herald.jobs.Unit;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.Claims;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.Outcomes;
import io.herald.messages.Quota;
import io.herald.messages.SendResult;
import io.herald.messages.Transition;
import io.herald.smsc.Receipt;
import io.herald.smsc.Sms;
import io.herald.smsc.SmscConnection;
import io.herald.smsc.SmscRegistry;
import io.herald.smsc.SubmitOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what is sent next, and never loses a message.
 *
 * <p>Each round fills the free windows of the bound SMSC connections: lanes in priority order
 * (conversation, alert, bulk), each lane's capacity shared round robin between accounts and, inside
 * an account, between its jobs; a sender with a rate of its own gets no more than it may send.
 * Claims are leases in PostgreSQL ({@code FOR UPDATE SKIP LOCKED}). Before a message is handed to a
 * connection its job's end time and send window (in the recipient's zone) are checked again.
 * How capacity is shared is {@link Fairness}; whether a message may go and what its outcome makes of
 * it, {@link SendRules}; writing outcomes and receipts, {@link ResultWriter}; the clock's work,
 * {@link Housekeeping}.
 */
public final class Dispatcher extends VerticleBase {
  public static final List<String> LANES = List.of("conversation", "alert", "bulk");
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final long HOUSEKEEPING_MILLIS = 1_000;
  private static final long LEASE_SWEEP_MILLIS = 5_000;
  private static final long NO_ROUTE_WAIT_MILLIS = 200;
  private static final long PURGE_MILLIS = 3_600_000;

  private final DispatchConfig config;
  private final Claims claims;
  private final Outcomes outcomes;
  private final JobStore jobs;
  private final AccountStore accounts;
  private final SmscRegistry smscs;
  private final MessageMeters meters;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Fairness fairness = new Fairness();
  private final SenderRates senderRates = new SenderRates();
  private final SendRules rules;
  private final DatabaseWatch database = new DatabaseWatch();
  private final JobCompletion completion;
  private final Housekeeping housekeeping;
  private final SelfPauses selfPauses;
  private ResultWriter writer;
  /** Claimed messages not yet handed to a connection, one queue per lane in priority order. */
  private final List<ArrayDeque<ClaimedMessage>> ready = List.of(new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>());
  private final WaitingWork waiting;
  private final Leases leases;
  private boolean claiming;
  private boolean pumpAgain;
  private boolean refreshing;
  /** A wake-up came while the queue was being read: read it again, it may have missed what woke us. */
  private boolean refreshAgain;
  private boolean quiescing;
  private int submitting;
  private Promise<Void> drained;

  public Dispatcher(DispatchConfig config, int unmatchedRetentionHours, Claims claims, Outcomes outcomes, JobStore jobs,
                    AccountStore accounts, SmscRegistry smscs, MessageMeters meters, MeterRegistry registry, Clock clock,
                    io.herald.config.AutoPauseConfig autoPause) {
    this.config = config;
    this.claims = claims;
    this.outcomes = outcomes;
    this.jobs = jobs;
    this.accounts = accounts;
    this.smscs = smscs;
    this.meters = meters;
    this.registry = registry;
    this.clock = clock;
    this.rules = new SendRules(config, clock);
    this.selfPauses = new SelfPauses(autoPause, jobs, clock, registry);
    this.completion = new JobCompletion(jobs, this::completed);
    this.housekeeping = new Housekeeping(jobs, outcomes, meters, completion, unmatchedRetentionHours, clock);
    this.waiting = new WaitingWork(LANES, registry);
    this.leases = new Leases(claims, clock, config.leaseSeconds(), database);
  }

  @Override
  public Future<?> start() {
    writer = new ResultWriter(vertx, outcomes, meters, completion, database, registry, this::written);
    vertx.eventBus().<Receipt>localConsumer(SmscConnection.RECEIPTS, writer::receipt);
    // what was queued or changed: dispatch looks at once rather than at its next poll
    vertx.eventBus().<JsonObject>consumer(JobEvents.QUEUED, m -> refreshThenPump());
    vertx.eventBus().<JsonObject>consumer(JobEvents.CHANGED, m -> refreshThenPump());
    vertx.setPeriodic(config.pollMillis(), id -> refreshThenPump());
    vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> jobTimes());
    vertx.setPeriodic(LEASE_SWEEP_MILLIS, id -> recoverLeases());
    // a lease outlives the slowest way through the pipeline: it is renewed while the message is held
    vertx.setPeriodic(Math.max(1_000, config.leaseSeconds() * 1_000L / 3), id -> leases.renew());
    vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> {
      if (!quiescing) {
        writer.sweepHeldReceipts();
      }
    });
    vertx.setPeriodic(PURGE_MILLIS, id -> housekeeping.purgeHeldReceipts());
    return outcomes.countHeldReceipts().compose(held -> leases.recover()).onSuccess(n -> {
      if (n > 0) {
        log.info("returned {} messages with expired leases to the queue", n);
      }
    }).otherwiseEmpty();
  }

  /** Stops claiming and waits until every submit in flight has an outcome and all are written. */
  public Future<Void> quiesce() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      quiescing = true;
      drained = promise;
      Instant now = clock.instant();
      for (var lane : ready) {
        for (ClaimedMessage m; (m = lane.poll()) != null; ) {
          result(SendResult.notTried(m.id(), now, "returned to the queue at shutdown"));
        }
      }
      checkDrained();
    });
    long grace = config.shutdownGraceMillis();
    vertx.setTimer(grace, id -> {
      if (promise.tryFail("messages still in flight after " + grace + " ms; their leases will return them to the queue")) {
        log.warn("shutdown: {} submits still in flight after {} ms", submitting, grace);
      }
    });
    return promise.future();
  }

  /** Writes whatever arrived after quiesce (receipts during unbind). */
  @Override
  public Future<?> stop() {
    quiescing = true;
    return writer.flush().onFailure(e -> log.warn("shutdown: could not write the last outcomes: {}", e.getMessage()));
  }

  // ---- what is waiting ----

  private void refreshThenPump() {
    if (quiescing) {
      pump();
      return;
    }
    if (refreshing) {
      refreshAgain = true;
      pump();
      return;
    }
    refreshing = true;
    refreshAgain = false;
    jobs.activeUnits().compose(units -> senderRates.read(accounts).map(v -> {
      waiting.read(units);
      return units;
    })).onComplete(ar -> {
      refreshing = false;
      if (ar.failed()) {
        database.trouble("cannot read the queue", ar.cause());
      } else {
        database.back();
      }
      pump();
      if (refreshAgain && ar.succeeded()) {
        refreshThenPump();
      }
    });
  }

  // ---- claiming ----

  private void pump() {
    handOut();
    refill();
  }

  /**
   * Hands claimed messages to the connections while their windows have room, most urgent lane first.
   * Bulk leaves a twentieth of the window free: otherwise a reply waits for a slot until the next
   * group commit releases a batch of them.
   */
  private void handOut() {
    if (quiescing) {
      return;
    }
    Instant now = clock.instant();
    int reserve = smscs.totalWindow() / 20;
    int free;
    while ((free = freeSlots()) > 0) {
      int lane = 0;
      while (lane < LANES.size() && ready.get(lane).isEmpty()) {
        lane++;
      }
      if (lane == LANES.size() || (lane == LANES.size() - 1 && free <= reserve)) {
        return;
      }
      hand(ready.get(lane).poll(), lane, now);
    }
  }

  /**
   * Keeps about one window of messages claimed ahead, so a freed slot is filled at once rather than
   * after a round trip. Claimed messages wait here as leases: unsent, a crash only delays them.
   */
  private void refill() {
    if (claiming) {
      pumpAgain = true;
      return;
    }
    if (quiescing || waiting.isEmpty()) {
      return;
    }
    int readyCount = ready.stream().mapToInt(ArrayDeque::size).sum();
    int want = Math.min(config.batchSize(), smscs.totalWindow() - readyCount);
    if (want <= 0) {
      return;
    }
    claiming = true;
    pumpAgain = false;
    Instant now = clock.instant();
    claimLanes(0, want, now, 0).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        database.trouble("cannot claim messages", ar.cause());
        return;
      }
      database.back();
      handOut();
      if (pumpAgain || ar.result() > 0) {
        context.runOnContext(v -> refill());
      }
    });
  }

  /** Claims lane by lane, most urgent first, each taking what the ones before left. */
  private Future<Integer> claimLanes(int laneIndex, int capacity, Instant now, int claimedSoFar) {
    if (laneIndex >= LANES.size() || capacity <= 0) {
      return Future.succeededFuture(claimedSoFar);
    }
    String lane = LANES.get(laneIndex);
    long nanos = System.nanoTime();
    List<Quota> quotas = fairness.quotas(waiting.inLane(lane), capacity,
        unit -> senderRates.room(unit.accountId(), unit.sender(), nanos));
    if (quotas.isEmpty()) {
      return claimLanes(laneIndex + 1, capacity, now, claimedSoFar);
    }
    return claims.claim(lane, quotas, now, config.leaseSeconds()).compose(claimed -> {
      List<Transition> skipped = new ArrayList<>();
      List<ClaimedMessage> sendable = new ArrayList<>(claimed.size());
      for (ClaimedMessage m : claimed) {
        if (m.skipped()) {
          skipped.add(new Transition(m.id(), m.jobId(), MessageState.SKIPPED, null));
        } else {
          sendable.add(m);
        }
      }
      if (!skipped.isEmpty()) {
        meters.count(skipped);
        completion.after(skipped);
      }
      sendable.forEach(m -> leases.hold(m.id()));
      ready.get(laneIndex).addAll(Fairness.interleave(sendable));
      handOut();
      return claimLanes(laneIndex + 1, capacity - claimed.size(), now, claimedSoFar + claimed.size());
    });
  }

  // ---- handing over ----

  /**
   * Window slots free for another submit. A slot is held from hand-out until the outcome is written,
   * and this is what bounds what a crash can send twice. The connections free a slot when the
   * submit_sm_resp arrives, on their own thread, a moment before the outcome reaches this event
   * loop: counting only by them let a hand-out slip into that moment. submitting and unwritten
   * change together on this event loop, so their sum never lags.
   */
  private int freeSlots() {
    return Math.min(smscs.freeWindow(), smscs.totalWindow() - submitting) - writer.unwritten();
  }

  private void hand(ClaimedMessage message, int laneRank, Instant now) {
    Unit unit = message.jobId() == null ? null : waiting.job(message.jobId());
    ZoneId zone = SendRules.zoneOf(message, unit);
    SendResult held = rules.hold(message, unit, zone, now);
    if (held != null) {
      result(held);
      return;
    }
    long nanos = System.nanoTime();
    SendResult limited = senderRates.take(message, now, nanos);
    if (limited != null) {
      result(limited);
      return;
    }
    String route = senderRates.route(message.accountId(), message.sender());
    SmscConnection connection = route != null ? smscs.named(route)
        : smscs.pick(message.accountId(), message.sender(), message.recipient());
    if (connection == null) { // its route's connections are down or busy: wait, without counting an attempt
      result(SendResult.notTried(message.id(), now.plusMillis(NO_ROUTE_WAIT_MILLIS),
          "no SMSC connection on the message's route could take it"));
      return;
    }
    submitting++;
    connection.submit(new Sms(message.sender(), message.recipient(), message.body()), laneRank).onComplete(ar -> {
      submitting--;
      SubmitOutcome outcome = ar.succeeded() ? ar.result()
          : SubmitOutcome.temporary(connection.name(), List.of(), "internal", String.valueOf(ar.cause()));
      result(rules.outcome(message, unit, zone, outcome));
      watch(message, outcome);
      pump();
    });
  }

  /** A job whose recent outcomes say something is wrong stops itself, saying why. */
  private void watch(ClaimedMessage message, SubmitOutcome outcome) {
    selfPauses.observe(message, outcome, vertx.eventBus(), this::refreshThenPump);
  }

  // ---- outcomes and receipts ----

  private void result(SendResult result) {
    writer.result(result);
    checkDrained();
  }

  /** Outcomes now in the database: their leases end and their window slots are free. */
  private void written(List<SendResult> batch) {
    batch.forEach(r -> leases.release(r.messageId()));
    pump();
    checkDrained();
  }

  /** Jobs that ended with nothing left to send, for whoever listens (reports, notifications). */
  private void completed(java.util.Set<Long> jobIds) {
    vertx.eventBus().publish(JobEvents.COMPLETED, new JsonObject().put("jobIds", new io.vertx.core.json.JsonArray(List.copyOf(jobIds))));
  }

  // ---- on the clock ----

  private void jobTimes() {
    if (quiescing) {
      return;
    }
    housekeeping.jobTimes().onSuccess(started -> {
      if (started > 0) {
        refreshThenPump();
      }
    });
  }

  private void checkDrained() {
    if (quiescing && drained != null && submitting == 0 && writer.outcomesWritten()) {
      drained.tryComplete();
    }
  }

  private void recoverLeases() {
    if (quiescing) {
      return;
    }
    leases.recover().onSuccess(n -> {
      if (n > 0) {
        log.warn("returned {} messages with expired leases to the queue", n);
        refreshThenPump();
      }
    });
  }
}
