package io.herald.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one PostgreSQL database: its address, its schema migrations and the reactive pool. */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final String url;
  private final PgConnectOptions options;

  public Database(String url) {
    this.url = url;
    this.options = parse(url);
  }

  /** Accepts {@code postgresql://user[:password]@host[:port]/db} (and {@code postgres://}). */
  private static PgConnectOptions parse(String url) {
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "database URL must look like postgresql://user@host:port/db, got '" + url + "'");
    }
    try {
      return PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("database URL '" + url + "' cannot be read: " + e.getMessage());
    }
  }

  /** The URL with any password removed, for messages to the operator. */
  public String displayUrl() {
    return "postgresql://" + options.getUser() + "@" + options.getHost() + ":" + options.getPort()
        + "/" + options.getDatabase();
  }

  public String url() {
    return url;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(options);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  /** Runs Flyway on a worker thread: it is blocking JDBC. */
  public Future<Integer> migrate(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      Flyway flyway = Flyway.configure()
          .dataSource(jdbcUrl(), options.getUser(), options.getPassword())
          .locations("classpath:db/migration")
          .connectRetries(0)
          .load();
      MigrateResult result = flyway.migrate();
      log.info("database {} at schema version {} ({} migrations applied)",
          displayUrl(), result.targetSchemaVersion, result.migrationsExecuted);
      return result.migrationsExecuted;
    });
  }

  public Pool pool(Vertx vertx, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName("herald"))
        .connectingTo(connectOptions().setPipeliningLimit(256).setReconnectAttempts(0))
        .using(vertx)
        .build();
  }
}
