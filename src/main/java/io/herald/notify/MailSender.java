package io.herald.notify;

import io.herald.config.MailConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox through the SMTP server: claims due mails under a lease, sends each, marks it
 * sent; a temporary SMTP answer (4xx, no connection) tries again later with a doubling delay, a
 * permanent one (5xx) or too many attempts gives up and keeps the server's words. Each mail has a
 * Message-ID of its outbox row, so a mail resent after a crash mid-send is recognisably the same.
 */
public final class MailSender extends VerticleBase {
  /** Local wake-up after mails were written, so they need not wait for the next poll. */
  static final String WAKE = "notify.outbox.wake";
  private static final Logger log = LoggerFactory.getLogger(MailSender.class);
  private static final long POLL_MILLIS = 2_000;
  private static final int BATCH = 20;

  private final MailConfig config;
  private final Outbox outbox;
  private final Counter sent;
  private final Counter retried;
  private final Counter failed;
  private MailClient client;
  private boolean draining;
  private boolean again;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile Instant lastSentAt;

  public MailSender(MailConfig config, Outbox outbox, MeterRegistry registry) {
    this.config = config;
    this.outbox = outbox;
    this.sent = Counter.builder("herald_notify_mails_total").tag("result", "sent")
        .description("Notification mails by what became of a send attempt").register(registry);
    this.retried = Counter.builder("herald_notify_mails_total").tag("result", "retried").register(registry);
    this.failed = Counter.builder("herald_notify_mails_total").tag("result", "failed").register(registry);
  }

  @Override
  public Future<?> start() {
    client = MailClient.create(vertx, clientConfig(config));
    vertx.eventBus().localConsumer(WAKE, m -> drain());
    vertx.setPeriodic(POLL_MILLIS, id -> drain());
    return outbox.recoverLeases().onSuccess(n -> {
      if (n > 0) {
        log.info("{} notification mails left half-sent are queued again", n);
      }
      drain();
    }).onFailure(e -> log.warn("outbox: {}", e.toString())).otherwiseEmpty();
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  /** The mail link for /health: its server, and whether the last attempt failed and why. */
  public JsonObject health() {
    boolean failing = lastErrorAt != null && (lastSentAt == null || lastErrorAt.isAfter(lastSentAt));
    return new JsonObject().put("server", config.host() + ":" + config.port()).put("state", failing ? "failing" : "ok")
        .put("lastError", failing ? lastError : null)
        .put("lastSentAt", lastSentAt == null ? null : lastSentAt.toString());
  }

  static io.vertx.ext.mail.MailConfig clientConfig(MailConfig config) {
    io.vertx.ext.mail.MailConfig mail = new io.vertx.ext.mail.MailConfig()
        .setHostname(config.host()).setPort(config.port())
        .setSsl("tls".equals(config.tls()))
        .setStarttls("starttls".equals(config.tls()) ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
        .setLogin(config.username().isEmpty() ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setMaxPoolSize(2);
    mail.setConnectTimeout(10_000);
    if (!config.username().isEmpty()) {
      mail.setUsername(config.username()).setPassword(config.password());
    }
    return mail;
  }

  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    outbox.claim(BATCH)
        .compose(this::sendAll)
        .onComplete(ar -> {
          draining = false;
          if (ar.failed()) {
            log.warn("outbox: {}", ar.cause().toString());
          } else if (ar.result() == BATCH || again) {
            drain();
          }
        });
  }

  /** One after another: a mail server is happier with a steady few than a burst. */
  private Future<Integer> sendAll(List<OutboxEntry> mails) {
    Future<Void> chain = Future.succeededFuture();
    for (OutboxEntry mail : mails) {
      chain = chain.compose(v -> send(mail));
    }
    return chain.map(v -> mails.size());
  }

  private Future<Void> send(OutboxEntry mail) {
    MailMessage message = new MailMessage().setFrom(config.from()).setTo(mail.recipient()).setSubject(mail.subject())
        .setText(mail.textBody()).setHtml(mail.htmlBody());
    message.addHeader("Message-ID", "<herald-outbox-" + mail.id() + "@" + config.from().substring(config.from().indexOf('@') + 1) + ">");
    message.addHeader("Auto-Submitted", "auto-generated");
    return client.sendMail(message).compose(result -> {
      lastSentAt = Instant.now();
      sent.increment();
      return outbox.sent(mail.id());
    }, e -> settleFailure(mail, e));
  }

  private Future<Void> settleFailure(OutboxEntry mail, Throwable e) {
    String reason = e instanceof SMTPException smtp ? "the mail server answered " + smtp.getReplyCode() + " "
        + smtp.getReplyMessage().strip() : "cannot reach the mail server " + config.host() + ":" + config.port()
        + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    lastError = reason;
    lastErrorAt = Instant.now();
    boolean permanent = e instanceof SMTPException smtp && smtp.isPermanent();
    if (permanent || mail.attempts() >= config.maxAttempts()) {
      failed.increment();
      log.warn("notification mail {} to {} given up: {}", mail.id(), mail.recipient(), reason);
      return outbox.failed(mail.id(), permanent ? reason : "gave up after " + mail.attempts() + " attempts: " + reason);
    }
    retried.increment();
    long delay = (long) Math.min(config.retryMaxSeconds(), config.retryMinSeconds() * Math.pow(2, Math.min(mail.attempts() - 1, 20)));
    return outbox.later(mail.id(), Instant.now().plusSeconds(delay), reason);
  }
}
