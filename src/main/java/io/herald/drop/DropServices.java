package io.herald.drop;

import io.herald.accounts.AccountStore;
import io.herald.accounts.LoginThrottle;
import io.herald.config.DropConfig;
import io.herald.contacts.ContactUpserts;
import io.herald.contacts.ImportTarget;
import io.herald.contacts.Fields;
import io.herald.drop.ftp.DropFtpServer;
import io.herald.ingest.Intake;
import io.herald.runtime.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Everything Drop &amp; Go offers, built once: its verticle (FTP site and processing) and what its routes call. */
public final class DropServices {
  /** Files read at once; each holds one thread for as long as its file is being read. */
  private static final int READER_THREADS = 2;

  private final DropStore store;
  private final DropProfiles profiles;
  private final MessageKeywords keywords;
  private final DropReports reports;
  private final HttpUploads uploads;
  private final DropVerticle verticle;
  private final FtpEndpoint endpoint;

  public DropServices(Vertx vertx, DropConfig config, Pool pool, AccountStore accounts, LoginThrottle logins,
                      Fields contactFields, ContactUpserts contactUpserts, Intake intake, int maxParts, Clock clock, MeterRegistry registry,
                      ImportTarget appointments) {
    this.store = new DropStore(pool);
    MessageKeywordStore keywordStore = new MessageKeywordStore(pool);
    DropFolders folders = new DropFolders(config.directory());
    this.endpoint = new FtpEndpoint(config.linkHost(), config.port(), config.tls(), config.enabled());
    this.profiles = new DropProfiles(vertx, store, accounts, contactFields, endpoint, appointments);
    this.keywords = new MessageKeywords(keywordStore);
    this.reports = new DropReports(pool);
    this.uploads = new HttpUploads(vertx, profiles, folders, config.maxFileBytes());
    ExecutorService readers = Executors.newFixedThreadPool(READER_THREADS, new DaemonThreads("herald-drop-reader"));
    DropProcessor processor = new DropProcessor(vertx, store, keywordStore, accounts, contactFields, contactUpserts, intake, folders,
        readers, maxParts, registry, appointments);
    this.verticle = new DropVerticle(config, processor, new DropFtpServer(config, new FtpDrops(vertx, store, folders, logins)),
        endpoint, readers);
  }

  public DropStore store() {
    return store;
  }

  public DropProfiles profiles() {
    return profiles;
  }

  public MessageKeywords keywords() {
    return keywords;
  }

  public DropReports reports() {
    return reports;
  }

  public HttpUploads uploads() {
    return uploads;
  }

  /** Deploy once: it runs the FTP site (when enabled) and processes every received file. */
  public DropVerticle verticle() {
    return verticle;
  }

  public FtpEndpoint endpoint() {
    return endpoint;
  }
}
