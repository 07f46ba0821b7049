package io.herald.notify;

import io.herald.accounts.AccountStore;
import io.herald.config.MailConfig;
import io.herald.config.NotifyConfig;
import io.herald.errors.Refusal;
import io.herald.jobs.JobStore;
import io.herald.messages.MessageViews;
import io.herald.smsc.LinkState;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** What the API offers of notifications: who gets what, each user's own choices, a test mail, the outbox. */
public final class Notifications {
  private final Recipients recipients;
  private final Outbox outbox;
  private final Deliveries deliveries;
  private final AccountStore accounts;
  private final MailSender sender;
  /** How often the outbox is counted for its gauges. */
  private static final long GAUGE_MILLIS = 15_000;
  private final Notifier notifier;
  private final OutboxGauges gauges;

  public Notifications(Vertx vertx, Pool pool, MailConfig mail, NotifyConfig notify, Supplier<String> ownUrl, AccountStore accounts,
                       JobStore jobs, MessageViews messages, Supplier<Map<String, LinkState>> links, MeterRegistry registry,
                       Clock clock) {
    this.recipients = new Recipients(pool);
    this.outbox = new Outbox(pool);
    this.accounts = accounts;
    this.deliveries = new Deliveries(vertx, mail.enabled(), recipients, outbox, accounts,
        new Letters(notify.publicUrl().isEmpty() ? ownUrl : notify::publicUrl));
    this.sender = mail.enabled() ? new MailSender(mail, outbox, registry) : null;
    this.notifier = new Notifier(deliveries, notify, jobs, messages, outbox, links, clock);
    this.gauges = new OutboxGauges(outbox, registry, GAUGE_MILLIS);
  }

  /** The verticles to deploy: the event listener, the outbox's gauges, and the sender when mail is on. */
  public List<io.vertx.core.Deployable> verticles() {
    return sender == null ? List.of(notifier, gauges) : List.of(notifier, gauges, sender);
  }

  /** The mail link for /health; null while mail is off. */
  public JsonObject health() {
    return sender == null ? null : sender.health();
  }

  public boolean mailOn() {
    return deliveries.mailOn();
  }

  public Future<NotificationSettings> settings(long accountId) {
    return recipients.settings(accountId);
  }

  public Future<NotificationSettings> save(long accountId, List<String> to, Map<String, Boolean> events) {
    return recipients.save(accountId, to, events);
  }

  public Future<Set<NotificationKind>> muted(long userId) {
    return recipients.muted(userId);
  }

  public Future<Set<NotificationKind>> mute(long userId, List<String> kinds) {
    return recipients.mute(userId, kinds);
  }

  /** A test mail to the account's recipients; the number written. */
  public Future<Integer> test(long accountId, String by) {
    if (!deliveries.mailOn()) {
      return Future.failedFuture(Refusal.conflict("mail is not set up on this server: an operator sets mail.host "
          + "(and mail.from) in Herald's configuration"));
    }
    return recipients.settings(accountId).compose(s -> {
      if (s.recipients().isEmpty()) {
        return Future.failedFuture(Refusal.invalid("recipients", "add a notification recipient first", null));
      }
      return accounts.account(accountId).compose(a -> deliveries.deliver(deliveries.letters().test(accountId, a.name(), by)));
    });
  }

  public Future<List<OutboxEntry>> outbox(String status, Long before, int limit) {
    if (status != null && !List.of("pending", "sending", "sent", "failed").contains(status)) {
      return Future.failedFuture(Refusal.invalid("status", "status must be pending, sending, sent or failed", status));
    }
    return outbox.list(status, before, limit);
  }

  public Future<Map<String, Long>> outboxCounts() {
    return outbox.counts();
  }

  /** Sends a mail that was given up on once more. */
  public Future<Void> retry(long id) {
    return outbox.retry(id).compose(done -> done ? Future.<Void>succeededFuture()
        : Future.failedFuture(Refusal.conflict("only a failed mail can be sent again")));
  }
}
