package io.herald.dispatch;

import io.herald.accounts.AccountStore;
import io.herald.config.HeraldConfig.DispatchConfig;
import io.herald.jobs.JobStore;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.MessageStore;
import io.herald.messages.MessageStore.Quota;
import io.herald.messages.ReceiptUpdate;
import io.herald.messages.Recorded;
import io.herald.messages.SendResult;
import io.herald.messages.Transition;
import io.herald.smsc.Receipt;
import io.herald.smsc.SmscConnection;
import io.herald.smsc.SmscRegistry;
import io.herald.smsc.Sms;
import io.herald.smsc.SubmitOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * Outcomes and receipts are group-committed: while one write is in flight the next batch collects;
 * when the database is unreachable they stay in memory until it returns.
 */
public final class Dispatcher extends VerticleBase {
  /** Send anything (even null) here after queueing messages or changing jobs so dispatch looks at once. */
  public static final String WAKE = "dispatch.wake";
  public static final List<String> LANES = List.of("conversation", "alert", "bulk");
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final long RETRY_WRITE_MILLIS = 1_000;
  private static final long HOUSEKEEPING_MILLIS = 1_000;
  private static final long LEASE_SWEEP_MILLIS = 5_000;
  private static final long NO_ROUTE_WAIT_MILLIS = 200;
  private static final long PURGE_MILLIS = 3_600_000;

  private final DispatchConfig config;
  private final int unmatchedRetentionHours;
  private final MessageStore store;
  private final JobStore jobs;
  private final AccountStore accounts;
  private final SmscRegistry smscs;
  private final MessageMeters meters;
  private final Clock clock;
  private final List<SendResult> results = new ArrayList<>();
  private final List<ReceiptUpdate> receipts = new ArrayList<>();
  /** Claimed messages not yet handed to a connection, one queue per lane in priority order. */
  private final List<java.util.ArrayDeque<ClaimedMessage>> ready =
      List.of(new java.util.ArrayDeque<>(), new java.util.ArrayDeque<>(), new java.util.ArrayDeque<>());
  /** The senders of receipts being written, answered once they are (the SMSC is acknowledged then). */
  private final List<io.vertx.core.eventbus.Message<Receipt>> receiptsWaiting = new ArrayList<>();
  private final Map<Long, Unit> jobUnits = new HashMap<>();
  private final Map<String, List<Unit>> unitsByLane = new HashMap<>();
  private final Map<String, RateWindow> senderWindows = new HashMap<>();
  /** Messages this dispatcher holds a lease on: claimed, and their outcome not yet written. */
  private final Set<Long> leased = new HashSet<>();
  private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();
  private Map<String, Double> senderLimits = Map.of();
  private int rotation;
  private boolean claiming;
  private boolean pumpAgain;
  private boolean refreshing;
  /** A wake-up came while the queue was being read: read it again, it may have missed what woke us. */
  private boolean refreshAgain;
  private boolean writingResults;
  private boolean writingReceipts;
  private boolean quiescing;
  private boolean databaseDown;
  private int submitting;
  private int unwritten;
  private Promise<Void> drained;
  private final io.micrometer.core.instrument.Timer writeTimer;
  private final io.micrometer.core.instrument.DistributionSummary writeSizes;

  public Dispatcher(DispatchConfig config, int unmatchedRetentionHours, MessageStore store, JobStore jobs,
                    AccountStore accounts, SmscRegistry smscs, MessageMeters meters, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.unmatchedRetentionHours = unmatchedRetentionHours;
    this.store = store;
    this.jobs = jobs;
    this.accounts = accounts;
    this.smscs = smscs;
    this.meters = meters;
    this.clock = clock;
    this.writeTimer = io.micrometer.core.instrument.Timer.builder("herald_dispatch_write")
        .description("One group commit of outcomes and receipts").publishPercentileHistogram().register(registry);
    this.writeSizes = io.micrometer.core.instrument.DistributionSummary.builder("herald_dispatch_write_size")
        .description("Outcomes and receipts in one group commit").register(registry);
    for (String lane : LANES) {
      AtomicLong depth = new AtomicLong();
      queueDepth.put(lane, depth);
      Gauge.builder("herald_queue_depth", depth, AtomicLong::get).tag("lane", lane)
          .description("Queued messages by lane (due or waiting for their time)").register(registry);
    }
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<Receipt>localConsumer(SmscConnection.RECEIPTS, this::receipt);
    vertx.eventBus().localConsumer(WAKE, m -> refreshThenPump());
    vertx.setPeriodic(config.pollMillis(), id -> refreshThenPump());
    vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> housekeeping());
    vertx.setPeriodic(LEASE_SWEEP_MILLIS, id -> recoverLeases());
    // a lease outlives the slowest way through the pipeline: it is renewed while the message is held
    vertx.setPeriodic(Math.max(1_000, config.leaseSeconds() * 1_000L / 3), id -> renewLeases());
    vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> sweepHeldReceipts());
    vertx.setPeriodic(PURGE_MILLIS, id -> store.purgeHeldReceipts(unmatchedRetentionHours)
        .onSuccess(n -> {
          if (n > 0) {
            log.info("forgot {} receipts that matched no message within {} h", n, unmatchedRetentionHours);
          }
        }));
    return store.countHeldReceipts().compose(held -> store.recoverLeases(clock.instant())).onSuccess(n -> {
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
    if (results.isEmpty() && receipts.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.record(take(results), take(receipts)).onSuccess(meters::count)
        .onFailure(e -> log.warn("shutdown: could not write the last outcomes: {}", e.getMessage()));
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
    jobs.activeUnits().compose(units -> accounts.senderLimits().map(limits -> {
      senderLimits = limits;
      jobUnits.clear();
      unitsByLane.clear();
      Map<String, Long> depth = new HashMap<>();
      for (Unit u : units) {
        if (u.jobId() != null) {
          jobUnits.put(u.jobId(), u);
        }
        if (u.queued() > 0) {
          unitsByLane.computeIfAbsent(u.lane(), k -> new ArrayList<>()).add(u);
        }
        depth.merge(u.lane(), u.queued(), Long::sum);
      }
      queueDepth.forEach((lane, gauge) -> gauge.set(depth.getOrDefault(lane, 0L)));
      return units;
    })).onComplete(ar -> {
      refreshing = false;
      if (ar.failed()) {
        databaseTrouble("cannot read the queue", ar.cause());
      } else {
        databaseBack();
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
    if (quiescing || unitsByLane.isEmpty()) {
      return;
    }
    int readyCount = ready.stream().mapToInt(java.util.ArrayDeque::size).sum();
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
        databaseTrouble("cannot claim messages", ar.cause());
        return;
      }
      databaseBack();
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
    List<Quota> quotas = quotas(unitsByLane.getOrDefault(lane, List.of()), capacity, now);
    if (quotas.isEmpty()) {
      return claimLanes(laneIndex + 1, capacity, now, claimedSoFar);
    }
    return store.claim(lane, quotas, now, config.leaseSeconds()).compose(claimed -> {
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
        completeJobs(skipped);
      }
      sendable.forEach(m -> leased.add(m.id()));
      ready.get(laneIndex).addAll(interleave(sendable));
      handOut();
      return claimLanes(laneIndex + 1, capacity - claimed.size(), now, claimedSoFar + claimed.size());
    });
  }

  /**
   * Splits capacity between a lane's accounts equally, then between each account's units
   * equally, starting the split at a different place each round so remainders go round too.
   */
  private List<Quota> quotas(List<Unit> units, int capacity, Instant now) {
    if (units.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Unit>> byAccount = new LinkedHashMap<>();
    for (Unit u : units) {
      byAccount.computeIfAbsent(u.accountId(), k -> new ArrayList<>()).add(u);
    }
    List<List<Unit>> accountsInTurn = new ArrayList<>(byAccount.values());
    int turn = rotation++ & Integer.MAX_VALUE;
    List<Quota> quotas = new ArrayList<>();
    int[] accountShares = split(capacity, accountsInTurn.size(), turn);
    long nanos = System.nanoTime();
    for (int a = 0; a < accountsInTurn.size(); a++) {
      List<Unit> own = accountsInTurn.get((a + turn) % accountsInTurn.size());
      int[] unitShares = split(accountShares[a], own.size(), turn);
      for (int i = 0; i < own.size(); i++) {
        Unit unit = own.get((i + turn) % own.size());
        int quota = unitShares[i];
        RateWindow senderWindow = unit.sender() == null ? null : senderWindow(unit.accountId(), unit.sender(), nanos);
        if (senderWindow != null) {
          quota = Math.min(quota, senderWindow.available(nanos));
        }
        if (quota > 0) {
          quotas.add(new Quota(unit.jobId(), unit.accountId(), quota));
        }
      }
    }
    return quotas;
  }

  private static int[] split(int total, int parts, int turn) {
    int[] shares = new int[parts];
    for (int i = 0; i < parts; i++) {
      shares[i] = total / parts + ((i + parts - turn % parts) % parts < total % parts ? 1 : 0);
    }
    return shares;
  }

  /** Claimed messages alternate between their units, so the first unit does not take every window. */
  private static List<ClaimedMessage> interleave(List<ClaimedMessage> claimed) {
    Map<String, java.util.ArrayDeque<ClaimedMessage>> byUnit = new LinkedHashMap<>();
    for (ClaimedMessage m : claimed) {
      byUnit.computeIfAbsent(m.jobId() != null ? "j" + m.jobId() : "a" + m.accountId(), k -> new java.util.ArrayDeque<>()).add(m);
    }
    List<ClaimedMessage> order = new ArrayList<>(claimed.size());
    while (order.size() < claimed.size()) {
      for (var queue : byUnit.values()) {
        ClaimedMessage m = queue.poll();
        if (m != null) {
          order.add(m);
        }
      }
    }
    return order;
  }

  private RateWindow senderWindow(long accountId, String sender, long nanos) {
    String key = accountId + ":" + sender;
    Double limit = senderLimits.get(key);
    if (limit == null) {
      return null;
    }
    return senderWindows.computeIfAbsent(key + "@" + limit, k -> new RateWindow(limit, nanos));
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
    return Math.min(smscs.freeWindow(), smscs.totalWindow() - submitting) - unwritten;
  }

  private void hand(ClaimedMessage message, int laneRank, Instant now) {
    Unit unit = message.jobId() == null ? null : jobUnits.get(message.jobId());
    if (message.jobId() != null && unit == null) { // its job was paused, cancelled or ended since the claim
      result(SendResult.notTried(message.id(), now, "its job stopped running before it was sent"));
      return;
    }
    ZoneId zone = zoneOf(message, unit);
    if (unit != null && unit.endAt() != null && !now.isBefore(unit.endAt())) {
      result(SendResult.expired(message.id(), null, List.of(), "end time", "the job's end time passed before it was sent"));
      return;
    }
    if (unit != null && unit.schedule() != null && !unit.schedule().isOpen(now, zone)) {
      result(SendResult.notTried(message.id(), unit.schedule().nextOpening(now, zone), "outside the send window"));
      return;
    }
    long nanos = System.nanoTime();
    RateWindow senderWindow = senderWindow(message.accountId(), message.sender(), nanos);
    if (senderWindow != null && !senderWindow.tryTake(nanos)) {
      result(SendResult.notTried(message.id(), now.plusNanos(senderWindow.waitNanos(nanos)), "sender rate limit"));
      return;
    }
    SmscConnection connection = smscs.pick(message.accountId(), message.sender(), message.recipient());
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
      result(toResult(message, unit, zone, outcome));
      pump();
    });
  }

  private static ZoneId zoneOf(ClaimedMessage message, Unit unit) {
    if (message.timeZone() != null) {
      return ZoneId.of(message.timeZone());
    }
    return unit != null ? unit.accountZone() : ZoneId.of("UTC");
  }

  private SendResult toResult(ClaimedMessage message, Unit unit, ZoneId zone, SubmitOutcome outcome) {
    return switch (outcome.kind()) {
      case SUBMITTED -> SendResult.submitted(message.id(), outcome.smsc(), outcome.partIds());
      case PERMANENT_ERROR -> SendResult.failed(message.id(), outcome.smsc(), outcome.partIds(),
          outcome.errorCode(), outcome.errorDetail());
      case TEMPORARY_ERROR -> retry(message, unit, zone, outcome);
    };
  }

  /** A temporary error: again later, unless the attempts or the job's time are used up. */
  private SendResult retry(ClaimedMessage message, Unit unit, ZoneId zone, SubmitOutcome outcome) {
    if (message.attempts() >= config.maxAttempts()) {
      return SendResult.failed(message.id(), outcome.smsc(), outcome.partIds(), outcome.errorCode(),
          "gave up after " + message.attempts() + " attempts: " + outcome.errorDetail());
    }
    Instant at = clock.instant().plusMillis(retryDelay(message.attempts()));
    if (unit != null && unit.schedule() != null) {
      at = unit.schedule().nextOpening(at, zone);
    }
    if (unit != null && unit.endAt() != null && !at.isBefore(unit.endAt())) {
      return SendResult.expired(message.id(), outcome.smsc(), outcome.partIds(), outcome.errorCode(),
          "the job's end time came before another attempt: " + outcome.errorDetail());
    }
    return SendResult.retry(message.id(), outcome.smsc(), outcome.partIds(), at, outcome.errorCode(), outcome.errorDetail());
  }

  /** Exponential: retryMin, doubling per attempt, capped at retryMax. */
  long retryDelay(int attempts) {
    double delay = config.retryMinMillis() * Math.pow(2, Math.min(attempts - 1, 30));
    return (long) Math.min(delay, config.retryMaxMillis());
  }

  // ---- receipts and writing ----

  private void receipt(io.vertx.core.eventbus.Message<Receipt> message) {
    Receipt receipt = message.body();
    MessageState state = switch (receipt.status()) {
      case DELIVERED -> MessageState.DELIVERED;
      case EXPIRED -> MessageState.EXPIRED;
      case UNDELIVERABLE -> MessageState.UNDELIVERABLE;
      case INTERMEDIATE -> null;
    };
    if (state == null) {
      message.reply(null); // ENROUTE / ACCEPTD: not final, nothing to record
      return;
    }
    receipts.add(new ReceiptUpdate(receipt.smsc(), receipt.messageId(), receipt.alternative1(),
        receipt.alternative2(), state, receipt.stat(), receipt.error(), receipt.receivedAt(), receipt.text()));
    receiptsWaiting.add(message);
    write();
  }

  /** An outcome to write; until it is written it holds its window slot. */
  private void result(SendResult result) {
    results.add(result);
    unwritten++;
    write();
  }

  /**
   * Two group-commit pipelines side by side: outcomes, and receipts. Each writes one batch at a time;
   * while it is in flight the next batch collects. A receipt that overtakes its outcome is held and
   * matched when the outcome is written, or by the sweep of held receipts.
   */
  private void write() {
    writeResults();
    writeReceipts();
    checkDrained();
  }

  private void writeResults() {
    if (writingResults || results.isEmpty()) {
      return;
    }
    writingResults = true;
    List<SendResult> batch = take(results);
    long started = System.nanoTime();
    store.record(batch, List.of()).onComplete(ar -> {
      measure(started, batch.size());
      writingResults = false;
      unwritten -= batch.size();
      if (ar.succeeded()) {
        databaseBack();
        batch.forEach(r -> leased.remove(r.messageId()));
        recorded(ar.result());
        pump();
      } else {
        // keep them: the database may be gone for a while; nothing is dropped
        unwritten += batch.size();
        results.addAll(0, batch);
        databaseTrouble("cannot record " + batch.size() + " outcomes, will retry", ar.cause());
        vertx.setTimer(RETRY_WRITE_MILLIS, id -> write());
        return;
      }
      write();
    });
  }

  private void writeReceipts() {
    if (writingReceipts || receipts.isEmpty()) {
      return;
    }
    writingReceipts = true;
    List<ReceiptUpdate> batch = take(receipts);
    List<io.vertx.core.eventbus.Message<Receipt>> answering = take(receiptsWaiting);
    long started = System.nanoTime();
    store.record(List.of(), batch).onComplete(ar -> {
      measure(started, batch.size());
      writingReceipts = false;
      if (ar.succeeded()) {
        databaseBack();
        answering.forEach(m -> m.reply(null));
        recorded(ar.result());
      } else {
        receiptsWaiting.addAll(0, answering); // the SMSC may give up and ask again; the copy here is kept
        receipts.addAll(0, batch);
        databaseTrouble("cannot record " + batch.size() + " receipts, will retry", ar.cause());
        vertx.setTimer(RETRY_WRITE_MILLIS, id -> write());
        return;
      }
      write();
    });
  }

  private void measure(long started, int size) {
    writeTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    writeSizes.record(size);
  }

  /** Receipts held while their outcome was being written in the other pipeline find their part now. */
  private void sweepHeldReceipts() {
    if (quiescing || writingReceipts) {
      return;
    }
    writingReceipts = true;
    store.rematchHeldReceipts().onComplete(ar -> {
      writingReceipts = false;
      if (ar.succeeded()) {
        recorded(ar.result());
      }
      write();
    });
  }

  private void recorded(Recorded recorded) {
    meters.count(recorded);
    completeJobs(recorded.transitions());
  }

  private void completeJobs(List<Transition> transitions) {
    Set<Long> finished = new HashSet<>();
    for (Transition t : transitions) {
      if (t.jobId() != null && t.state().isTerminal()) {
        finished.add(t.jobId());
      }
    }
    if (!finished.isEmpty()) {
      jobs.completeFinished(finished).onSuccess(done -> {
        if (!done.isEmpty()) {
          log.info("jobs {} completed", done);
        }
      });
    }
  }

  /** Every second: scheduled jobs start, ended jobs expire what they have left. */
  private void housekeeping() {
    if (quiescing) {
      return;
    }
    Instant now = clock.instant();
    jobs.startDue(now)
        .compose(started -> jobs.expireEnded(now).map(expired -> {
          meters.count(expired);
          completeJobs(expired);
          return started;
        }))
        .compose(started -> jobs.cancelStragglers().map(cancelled -> {
          meters.count(cancelled);
          return started;
        }))
        .onSuccess(started -> {
          if (started > 0) {
            refreshThenPump();
          }
        });
  }

  /** Logs the first failure of an outage, not one line per poll. */
  private void databaseTrouble(String what, Throwable cause) {
    if (!databaseDown) {
      databaseDown = true;
      log.warn("{}: {}; holding work in memory until the database answers", what, cause.getMessage());
    }
  }

  private void databaseBack() {
    if (databaseDown) {
      databaseDown = false;
      log.info("database answers again; dispatch resumes");
    }
  }

  private void checkDrained() {
    if (quiescing && drained != null && submitting == 0 && !writingResults && results.isEmpty()) {
      drained.tryComplete();
    }
  }

  private void renewLeases() {
    if (leased.isEmpty()) {
      return;
    }
    store.renewLeases(List.copyOf(leased), clock.instant(), config.leaseSeconds())
        .onFailure(e -> databaseTrouble("cannot renew leases", e));
  }

  private void recoverLeases() {
    if (quiescing) {
      return;
    }
    store.recoverLeases(clock.instant()).onSuccess(n -> {
      if (n > 0) {
        log.warn("returned {} messages with expired leases to the queue", n);
        refreshThenPump();
      }
    });
  }

  private static <T> List<T> take(List<T> list) {
    List<T> taken = new ArrayList<>(list);
    list.clear();
    return taken;
  }
}
