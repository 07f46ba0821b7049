package io.herald;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Authenticator;
import io.herald.accounts.FirstStart;
import io.herald.accounts.LoginThrottle;
import io.herald.config.HeraldConfig;
import io.herald.config.SmscConfig;
import io.herald.dispatch.Dispatcher;
import io.herald.dispatch.ReceiptTimeoutSweep;
import io.herald.inbox.KeywordReplies;
import io.herald.inbox.MoReceiver;
import io.herald.ingest.ApiJobs;
import io.herald.ingest.ApiMessages;
import io.herald.ingest.Intake;
import io.herald.jobs.JobStore;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageStore;
import io.herald.messages.ReceiptTimeouts;
import io.herald.smsc.MoHandOff;
import io.herald.smsc.SmscConnection;
import io.herald.smsc.SmscRegistry;
import io.herald.smsc.simulator.SimulatorVerticle;
import io.herald.store.Database;
import io.herald.web.JobRoutes;
import io.herald.web.MessageRoutes;
import io.herald.web.SmscRoutes;
import io.herald.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Herald daemon: reads its config, migrates the database, deploys its verticles. */
public final class Herald {
  private static final Logger log = LoggerFactory.getLogger(Herald.class);
  private static final int DEFAULT_RECEIPT_TIMEOUT_HOURS = 48;

  private final HeraldConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Database database;
  private final java.time.Clock clock;
  private Pool pool;
  private SimulatorVerticle simulator;
  private final List<String> connectionDeployments = new ArrayList<>();
  private SmscRegistry smscs;
  private Dispatcher dispatcher;
  private String dispatcherDeployment;
  private WebServer web;
  private io.herald.drop.DropVerticle drop;
  private KeywordReplies keywordReplies;
  private java.util.List<FirstStart.Created> created = List.of();
  private io.herald.notify.Notifications notifications;
  /** How often campaigns are checked for a number that went away. */
  private static final long CAMPAIGN_CHECK_MILLIS = 5_000;
  /** How often the queue's gauges read the database. */
  private static final long QUEUE_GAUGE_MILLIS = 15_000;
  private io.herald.campaigns.CampaignWatch campaignWatch;
  private io.herald.broadcasts.BroadcastWatch broadcastWatch;

  private Herald(HeraldConfig config, java.time.Clock clock) {
    this.config = config;
    this.clock = clock;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            // requests by the route they matched (its path pattern: bounded), not by their raw path
            .addLabels(io.vertx.micrometer.Label.HTTP_ROUTE)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    this.database = new Database(config.db().url());
  }

  /** Starts everything; the future completes once Herald is ready to take work. */
  public static Future<Herald> start(HeraldConfig config) {
    return start(config, java.time.Clock.systemUTC());
  }

  /** Starts everything on the given clock: what is due, ranges and send times all read it (tests set the day). */
  public static Future<Herald> start(HeraldConfig config, java.time.Clock clock) {
    Herald herald = new Herald(config, clock);
    // Not bound to a Vert.x context: it completes after Vert.x itself may have closed.
    Promise<Herald> started = Promise.promise();
    herald.boot().onComplete(ar -> {
      if (ar.succeeded()) {
        started.complete(herald);
      } else {
        herald.closeVertx().onComplete(v -> started.fail(ar.cause()));
      }
    });
    return started.future();
  }

  private Future<Void> boot() {
    Future<Void> numberPlans = vertx.executeBlocking(() -> {
      io.herald.ingest.PhoneNumbers.load();
      return null;
    });
    return database.migrate(vertx)
        .recover(e -> Future.failedFuture(new StartupException("cannot use the database "
            + database.displayUrl() + ": " + rootMessage(e))))
        .compose(n -> numberPlans)
        .compose(n -> {
          pool = database.pool(vertx, config.db().poolSize());
          AccountStore accounts = new AccountStore(pool);
          return FirstStart.run(vertx, accounts, config).compose(users -> {
            created = users;
            return deploy(accounts);
          });
        });
  }

  private Future<Void> deploy(AccountStore accounts) {
    MessageStore messages = new MessageStore(pool);
    io.herald.messages.MessageViews views = new io.herald.messages.MessageViews(pool);
    MessageMeters meters = new MessageMeters(registry);
    List<SmscConnection> connections = new ArrayList<>();
    for (SmscConfig smsc : config.smsc()) {
      connections.add(new SmscConnection(smsc, registry));
      meters.register(smsc.name());
    }
    smscs = new SmscRegistry(vertx, connections, config.routes());
    JobStore jobs = new JobStore(pool);
    dispatcher = new Dispatcher(config.dispatch(), config.receipts().unmatchedRetentionHours(),
        new io.herald.messages.Claims(pool), new io.herald.messages.Outcomes(pool), jobs, accounts,
        smscs, meters, registry, clock, config.autoPause());
    io.herald.alerts.Appointments appointments = new io.herald.alerts.Appointments(pool);
    io.herald.alerts.AppointmentFiles appointmentFiles = new io.herald.alerts.AppointmentFiles(appointments, accounts);
    io.herald.contacts.ContactServices contacts = new io.herald.contacts.ContactServices(vertx, pool,
        List.of(appointmentFiles));
    Intake intake = new Intake(vertx, pool, accounts, messages, contacts.suppressions(), jobs, meters,
        config.messages().maxParts(), clock);
    keywordReplies = new KeywordReplies(contacts.keywords(), contacts.suppressions(), intake);
    io.herald.inbox.Conversations conversations = new io.herald.inbox.Conversations(pool, intake);
    LoginThrottle logins = new LoginThrottle(pool, config.logins());
    io.herald.drop.DropServices dropServices = new io.herald.drop.DropServices(vertx, config.drop(), pool, accounts,
        logins, contacts.fields(), new io.herald.contacts.ContactUpserts(), intake, config.messages().maxParts(), clock, registry,
        appointmentFiles);
    drop = dropServices.verticle();
    if (config.simulator().enabled()) {
      simulator = new SimulatorVerticle(config.simulator());
    }
    notifications = new io.herald.notify.Notifications(vertx, pool, config.mail(), config.notices(), this::ownUrl, accounts,
        jobs, views, smscs::links, registry, clock);
    io.herald.accounts.Senders senders = new io.herald.accounts.Senders(pool,
        connections.stream().map(SmscConnection::name).collect(java.util.stream.Collectors.toSet()));
    io.herald.campaigns.CampaignService campaigns = new io.herald.campaigns.CampaignService(vertx, pool, accounts, senders,
        jobs, intake, config.messages().maxParts(), config.messages().maxScheduleDays(), clock);
    campaignWatch = campaigns.watch(CAMPAIGN_CHECK_MILLIS);
    io.herald.broadcasts.BroadcastService broadcasts = new io.herald.broadcasts.BroadcastService(vertx, pool, accounts,
        senders, contacts.fields(), contacts.audiences(), jobs, intake, config.messages().maxParts(), clock,
        CAMPAIGN_CHECK_MILLIS);
    broadcastWatch = broadcasts.watch();
    web = new WebServer(config.http(), pool, smscs, registry, notifications::health,
        new Authenticator(vertx, accounts, logins), List.of(
        new io.herald.web.NotificationRoutes(notifications),
        new io.herald.web.CampaignRoutes(campaigns),
        new io.herald.web.BroadcastRoutes(broadcasts),
        new io.herald.web.AlertRoutes(new io.herald.alerts.Alerts(pool, intake, jobs, senders, contacts.suppressions(),
            config.messages().maxParts(), config.alerts().perMinute(), clock), appointments,
            accounts),
        new MessageRoutes(new ApiMessages(accounts, intake), views),
        new SmscRoutes(smscs, views),
        new JobRoutes(new ApiJobs(accounts, intake, jobs, config.messages().maxScheduleDays(), config.api(), clock),
            jobs, meters),
        new io.herald.web.ContactsRoutes(contacts),
        new io.herald.web.DropRoutes(dropServices),
        new io.herald.web.AccountRoutes(new io.herald.accounts.Accounts(pool)),
        new io.herald.web.ApiKeyRoutes(new io.herald.accounts.ApiKeys(pool)),
        new io.herald.web.InboxRoutes(conversations),
        new io.herald.web.SenderRoutes(senders),
        new io.herald.web.SimulatorRoutes(new io.herald.smsc.simulator.SimulatorReplies(vertx, simulator,
            config.account().region()))));

    Future<?> simulatorReady = simulator == null ? Future.succeededFuture() : vertx.deployVerticle(simulator);
    MoHandOff.registerCodec(vertx);
    return simulatorReady
        .compose(v -> vertx.deployVerticle(keywordReplies))
        .compose(v -> vertx.deployVerticle(new io.herald.inbox.ConversationRouter(conversations, registry)))
        .compose(v -> vertx.deployVerticle(new MoReceiver(pool, registry)))
        .compose(v -> Future.all(connections.stream().map(c -> vertx.deployVerticle(c)
            .onSuccess(connectionDeployments::add)).toList()))
        .compose(v -> vertx.deployVerticle(dispatcher).onSuccess(id -> dispatcherDeployment = id))
        .compose(v -> vertx.deployVerticle(new ReceiptTimeoutSweep(receiptTimeouts(), jobs, meters)))
        .compose(v -> vertx.deployVerticle(new io.herald.messages.QueueGauges(pool, registry, QUEUE_GAUGE_MILLIS)))
        .compose(v -> vertx.deployVerticle(new io.herald.messages.MessageRetention(pool, clock)))
        .compose(v -> vertx.deployVerticle(new io.herald.inbox.ReplyRetention(pool, clock)))
        .compose(v -> Future.all(notifications.verticles().stream().map(vertx::deployVerticle).toList()))
        .compose(v -> vertx.deployVerticle(campaignWatch))
        .compose(v -> vertx.deployVerticle(broadcastWatch))
        .compose(v -> vertx.deployVerticle(drop))
        .compose(v -> vertx.deployVerticle(web))
        .mapEmpty();
  }

  /** Each connection's receipt timeout; messages of a connection no longer configured wait the longest of them. */
  private ReceiptTimeouts receiptTimeouts() {
    Map<String, Integer> hours = new HashMap<>();
    config.smsc().forEach(c -> hours.put(c.name(), c.receiptTimeoutHours()));
    int longest = hours.values().stream().mapToInt(Integer::intValue).max().orElse(DEFAULT_RECEIPT_TIMEOUT_HOURS);
    return new ReceiptTimeouts(pool, hours, longest);
  }

  /**
   * Stops cleanly: no new claims, submits in flight finish (or their leases return them to the
   * queue), connections unbind, the last outcomes and receipts are written.
   */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise(); // completes after Vert.x has closed: bound to no context
    Future<?> quiet = dispatcher == null ? Future.succeededFuture() : dispatcher.quiesce()
        .onFailure(e -> log.warn("shutdown: {}", e.getMessage()));
    quiet.otherwiseEmpty()
        .compose(v -> web == null ? Future.succeededFuture() : vertx.undeploy(web.deploymentID()).otherwiseEmpty())
        .compose(v -> drop == null || drop.deploymentID() == null ? Future.succeededFuture()
            : vertx.undeploy(drop.deploymentID()).otherwiseEmpty())
        .compose(v -> Future.join(connectionDeployments.stream().map(vertx::undeploy).toList()).otherwiseEmpty())
        .compose(v -> dispatcherDeployment == null ? Future.succeededFuture()
            : vertx.undeploy(dispatcherDeployment).otherwiseEmpty())
        .compose(v -> simulator == null ? Future.succeededFuture()
            : vertx.undeploy(simulator.deploymentID()).otherwiseEmpty())
        .compose(v -> pool == null ? Future.succeededFuture() : pool.close().otherwiseEmpty())
        .onComplete(v -> closeVertx().onComplete(c -> stopped.complete()));
    return stopped.future();
  }

  /**
   * Closes Vert.x from a plain thread: a close future bound to one of Vert.x's own event loops
   * would try to complete on that loop after it has terminated.
   */
  private Future<Void> closeVertx() {
    Promise<Void> closed = Promise.promise();
    Thread closer = new Thread(() -> vertx.close().onComplete(ar -> closed.complete()), "herald-close");
    closer.start();
    return closed.future();
  }

  /** This server's admin UI as a mail links to it when http.publicUrl is not set. */
  private String ownUrl() {
    String host = config.http().host();
    return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + httpPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  public HeraldConfig config() {
    return config;
  }

  public int httpPort() {
    return web.port();
  }

  /** The Drop & Go FTP site's port. */
  public int dropFtpPort() {
    return drop.ftpPort();
  }

  public SmscRegistry smscs() {
    return smscs;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The users made on first start (empty on later starts). */
  public List<FirstStart.Created> createdUsers() {
    return created;
  }

  public String readyLine() {
    StringBuilder line = new StringBuilder("Herald ready: HTTP http://")
        .append(config.http().host()).append(':').append(httpPort());
    if (simulator != null) {
      line.append(", built-in SMSC simulator listening on smpp://").append(config.simulator().host())
          .append(':').append(simulator.port());
    }
    if (drop != null && drop.ftpEnabled()) {
      line.append(", Drop & Go FTP on ftp://").append(config.drop().host()).append(':').append(drop.ftpPort());
    }
    for (SmscConfig smsc : config.smsc()) {
      line.append(", SMSC connection '").append(smsc.name()).append("' to smpp://").append(smsc.host())
          .append(':').append(smsc.port());
    }
    return line.toString();
  }

  /** The command line: {@link Launcher}. */
  public static void main(String[] args) throws Exception {
    Launcher.main(args);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  /** A start-up failure already worded for the operator. */
  static final class StartupException extends RuntimeException {
    StartupException(String message) {
      super(message, null, false, false);
    }
  }
}
