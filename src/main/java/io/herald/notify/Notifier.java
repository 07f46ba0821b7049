package io.herald.notify;

import io.herald.config.NotifyConfig;
import io.herald.drop.DropProcessor;
import io.herald.jobs.JobEvents;
import io.herald.jobs.JobStore;
import io.herald.messages.MessageState;
import io.herald.messages.MessageViews;
import io.herald.smsc.LinkState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into notifications: drop files refused or with rejected rows, jobs finished with
 * failures or paused by themselves; and, on a clock, the operators' notices: a connection down too
 * long, receipts that match nothing, mails given up on. Each has an event key, so a notice that
 * two nodes (or two checks) find is written once.
 */
public final class Notifier extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final List<MessageState> FAILED = List.of(MessageState.FAILED, MessageState.UNDELIVERABLE,
      MessageState.EXPIRED);

  private final Deliveries deliveries;
  private final NotifyConfig config;
  private final JobStore jobs;
  private final MessageViews messages;
  private final Outbox outbox;
  private final Supplier<Map<String, LinkState>> links;
  private final Clock clock;
  /** When each connection of this node was first seen unbound; the notice itself is keyed in the outbox. */
  private final Map<String, Instant> downSince = new HashMap<>();
  private Instant checkedHour;

  Notifier(Deliveries deliveries, NotifyConfig config, JobStore jobs, MessageViews messages, Outbox outbox,
           Supplier<Map<String, LinkState>> links, Clock clock) {
    this.deliveries = deliveries;
    this.config = config;
    this.jobs = jobs;
    this.messages = messages;
    this.outbox = outbox;
    this.links = links;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(DropProcessor.FINISHED, m -> deliver(deliveries.letters().dropFile(m.body())));
    bus.<JsonObject>consumer(JobEvents.PAUSED, m -> deliver(deliveries.letters().jobPaused(m.body())));
    bus.<JsonObject>consumer(JobEvents.COMPLETED, m -> completed(m.body().getJsonArray("jobIds")));
    bus.<JsonObject>consumer(io.herald.campaigns.CampaignWatch.LIST_FINISHED,
        m -> deliver(deliveries.letters().campaignList(m.body())));
    bus.<JsonObject>consumer(io.herald.broadcasts.Broadcasts.AWAITING,
        m -> deliver(deliveries.letters().broadcastAwaiting(m.body())));
    bus.<JsonObject>consumer(io.herald.broadcasts.Broadcasts.REJECTED,
        m -> deliver(deliveries.letters().broadcastRejected(m.body())));
    vertx.setPeriodic(config.checkSeconds() * 1_000, id -> check());
    return Future.succeededFuture();
  }

  private void deliver(Mail mail) {
    deliveries.deliver(mail).onFailure(e -> log.warn("notification {} not written: {}",
        mail == null ? "" : mail.eventKey(), e.toString()));
  }

  private void completed(JsonArray ids) {
    jobs.byIds(ids.stream().map(id -> ((Number) id).longValue()).toList()).onSuccess(list -> {
      for (JsonObject job : list) {
        JsonObject counts = job.getJsonObject("counts");
        long failed = FAILED.stream().mapToLong(s -> counts.getLong(s.dbName(), 0L)).sum();
        if ("alert".equals(job.getString("kind"))) { // green or red, an alert is always told of
          deliver(deliveries.letters().alertFinished(new JobFacts(job.getLong("id"), job.getLong("accountId"),
              job.getString("name"), job.getLong("total"), failed)));
        } else if (failed > 0 && !"campaign".equals(job.getString("kind"))) { // a campaign's list says it in its own mail
          deliver(deliveries.letters().jobFailed(new JobFacts(job.getLong("id"), job.getLong("accountId"),
              job.getString("name"), job.getLong("total"), failed)));
        }
      }
    }).onFailure(e -> log.warn("finished jobs {}: {}", ids, e.toString()));
  }

  /** The operators' checks, on the clock. */
  private void check() {
    if (!deliveries.mailOn()) {
      return;
    }
    Instant now = clock.instant();
    links.get().forEach((name, link) -> {
      if (link.bound()) {
        downSince.remove(name);
        return;
      }
      Instant since = downSince.computeIfAbsent(name, n -> now);
      Duration down = Duration.between(since, now);
      if (down.toSeconds() >= config.smscDownSeconds()) {
        deliver(deliveries.letters().smscDown(name, since, down, link.lastError()));
      }
    });
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    if (hour.equals(checkedHour)) {
      return;
    }
    checkedHour = hour;
    Instant before = hour.minus(1, ChronoUnit.HOURS);
    messages.unmatchedBetween(before, hour).onSuccess(n -> {
      if (n >= config.unmatchedReceiptsPerHour()) {
        deliver(deliveries.letters().unmatchedReceipts(n, hour));
      }
    });
    outbox.failedSince(before).onSuccess(n -> {
      if (n > 0) {
        deliver(deliveries.letters().outboxFailing(n, hour));
      }
    });
  }
}
