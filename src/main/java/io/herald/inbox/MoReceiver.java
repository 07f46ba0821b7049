package io.herald.inbox;

import io.herald.smsc.MoFragment;
import io.herald.smsc.MoHandOff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies from phones (mobile-originated messages): takes each deliver_sm that is not a receipt from
 * {@link MoHandOff#FRAGMENTS}, decodes it, puts multipart replies together, stores every part and every reply
 * in PostgreSQL before answering, and publishes each reply on {@link #RECEIVED}. Owns the tables
 * inbound_messages, inbound_fragments and inbound_completed.
 *
 * <p>A part is answered only once it is committed, so the SMPP side acknowledges a deliver_sm only
 * when nothing can lose it; when it cannot be stored the request fails with {@link MoHandOff#STORE_FAILED}
 * and the SMSC redelivers. Parts of a reply that never completes are stored as an incomplete reply
 * once the oldest is {@code fragmentMaxAge} old, so nothing is dropped silently.
 */
public final class MoReceiver extends VerticleBase {
  /** Published for every reply stored: {id, smsc, from, to, text, receivedAt, parts, partsExpected, incomplete}. */
  public static final String RECEIVED = "inbox.received";
  public static final Duration DEFAULT_FRAGMENT_MAX_AGE = Duration.ofHours(24);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(MoReceiver.class);
  private static final int SWEEP_BATCH = 500;

  private final MoStore store;
  private final MeterRegistry registry;
  private final Duration fragmentMaxAge;
  private final Duration sweepInterval;
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<String, Counter> fragments = new ConcurrentHashMap<>();
  private MessageConsumer<MoFragment> consumer;
  private long sweepTimer = -1;
  private Future<Integer> lastSweep = Future.succeededFuture(0);

  public MoReceiver(Pool pool, MeterRegistry registry) {
    this(pool, registry, DEFAULT_FRAGMENT_MAX_AGE, DEFAULT_SWEEP_INTERVAL);
  }

  public MoReceiver(Pool pool, MeterRegistry registry, Duration fragmentMaxAge) {
    this(pool, registry, fragmentMaxAge, DEFAULT_SWEEP_INTERVAL);
  }

  /**
   * @param fragmentMaxAge how long the parts of a multipart reply wait for the rest
   * @param sweepInterval how often to look for parts older than that
   */
  public MoReceiver(Pool pool, MeterRegistry registry, Duration fragmentMaxAge, Duration sweepInterval) {
    this.store = new MoStore(Objects.requireNonNull(pool, "pool"));
    this.registry = Objects.requireNonNull(registry, "registry");
    if (fragmentMaxAge.isNegative() || fragmentMaxAge.isZero()) {
      throw new IllegalArgumentException("fragment max age must be positive, got " + fragmentMaxAge);
    }
    if (sweepInterval.toMillis() < 1) {
      throw new IllegalArgumentException("sweep interval must be at least 1 ms, got " + sweepInterval);
    }
    this.fragmentMaxAge = fragmentMaxAge;
    this.sweepInterval = sweepInterval;
  }

  @Override
  public Future<?> start() {
    MoHandOff.registerCodec(vertx);
    consumer = vertx.eventBus().localConsumer(MoHandOff.FRAGMENTS, this::onFragment);
    sweepTimer = vertx.setPeriodic(sweepInterval.toMillis(), id -> {
      if (lastSweep.isComplete()) { // a slow sweep is not stacked up behind itself
        sweepNow();
      }
    });
    sweepNow(); // parts left from before a restart; not waited for
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /**
   * Stores, as incomplete replies, the parts of multipart replies whose oldest part is older than
   * the fragment max age; runs after any sweep already under way. Completes with how many replies
   * it stored (each is also published on {@link #RECEIVED}). Runs by itself every sweep interval;
   * call it only while deployed.
   */
  public Future<Integer> sweep() {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> sweepNow().onComplete(done));
    return done.future();
  }

  /** On this verticle's context. */
  private Future<Integer> sweepNow() {
    Future<Integer> next = lastSweep.transform(previous -> sweepBatches(Instant.now().minus(fragmentMaxAge), 0))
        .onFailure(e -> log.warn("cannot sweep old reply parts: {} (trying again in {} s)", e.getMessage(),
            sweepInterval.toSeconds()));
    lastSweep = next;
    return next;
  }

  private Future<Integer> sweepBatches(Instant olderThan, int storedSoFar) {
    return store.sweep(olderThan, SWEEP_BATCH).compose(made -> {
      made.forEach(this::stored);
      int stored = storedSoFar + made.size();
      return made.size() == SWEEP_BATCH ? sweepBatches(olderThan, stored) : Future.succeededFuture(stored);
    });
  }

  private void onFragment(Message<MoFragment> request) {
    MoFragment fragment = request.body();
    if (fragment == null) {
      request.fail(MoHandOff.STORE_FAILED, "no fragment in the request");
      return;
    }
    MoPart part = MoPart.of(fragment);
    store.accept(part).onComplete(ar -> {
      if (ar.failed()) {
        log.warn("SMSC {}: cannot store a reply, the SMSC will be asked to redeliver it: {}",
            fragment.smsc(), ar.cause().getMessage());
        request.fail(MoHandOff.STORE_FAILED, "cannot store the message: " + ar.cause().getMessage());
        return;
      }
      counter(fragments, "herald_mo_fragments",
          "Mobile-originated deliver_sm PDUs stored (every part of every reply, redeliveries included)",
          fragment.smsc()).increment();
      ar.result().ifPresent(this::stored);
      request.reply(null); // after publishing: when the SMPP side hears back, the reply is out
    });
  }

  private void stored(InboundMessage message) {
    counter(received, "herald_mo_received",
        "Replies (mobile-originated messages) stored, complete or swept incomplete", message.smsc()).increment();
    if (message.incomplete()) {
      log.info("SMSC {}: reply {} stored incomplete, {} of {} parts arrived within {}", message.smsc(),
          message.id(), message.parts(), message.partsExpected(), fragmentMaxAge);
    } else {
      log.debug("SMSC {}: reply {} stored ({} parts)", message.smsc(), message.id(), message.parts());
    }
    vertx.eventBus().publish(RECEIVED, message.toJson());
  }

  private Counter counter(Map<String, Counter> counters, String name, String description, String smsc) {
    return counters.computeIfAbsent(smsc, s -> Counter.builder(name)
        .description(description)
        .tag("smsc", s)
        .register(registry));
  }
}
