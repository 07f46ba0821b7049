package io.herald.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class, dropped afterwards. The server comes from
 * HERALD_TEST_DB_URL (default postgresql://postgres@127.0.0.1:5432/postgres); scripts/test makes
 * sure it runs.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER = System.getenv().getOrDefault("HERALD_TEST_DB_URL",
      "postgresql://postgres@127.0.0.1:5432/postgres");

  private final String name;
  private final String url;

  private TestDatabase(String name) {
    this.name = name;
    this.url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
  }

  public static TestDatabase create() {
    TestDatabase db = new TestDatabase("herald_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    db.admin("CREATE DATABASE " + db.name);
    return db;
  }

  /** postgresql://user@host:port/name, as Herald's db.url takes it. */
  public String url() {
    return url;
  }

  /** Runs SQL in this database (test set-up and inspection). */
  public void execute(String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Gives messages written straight into their table (by a test's own SQL) their place in the queue. */
  public void queueInsertedMessages() {
    execute("""
        INSERT INTO message_queue (message_id, job_id, account_id, lane, not_before)
        SELECT id, job_id, account_id, lane, not_before FROM messages m
        WHERE state = 'queued' AND NOT EXISTS (SELECT 1 FROM message_queue q WHERE q.message_id = m.id)""");
  }

  public long queryLong(String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public String queryText(String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void admin(String sql) {
    try (Connection c = connect(SERVER); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + sql + " on " + SERVER + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    String rest = url.substring(url.indexOf("://") + 3);
    String user = "postgres";
    String password = null;
    if (rest.contains("@")) {
      String creds = rest.substring(0, rest.indexOf('@'));
      rest = rest.substring(rest.indexOf('@') + 1);
      int colon = creds.indexOf(':');
      user = colon < 0 ? creds : creds.substring(0, colon);
      password = colon < 0 ? null : creds.substring(colon + 1);
    }
    return DriverManager.getConnection("jdbc:postgresql://" + rest, user, password);
  }
}
