package io.herald.contacts;

import io.herald.Herald;
import io.herald.testing.Seed;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;

/**
 * A whole Herald on a fresh database with the callers contacts tests need: the first account's
 * admin and a plain user of it, an admin of a second account, and the operator.
 */
final class ContactsFixture implements AutoCloseable {
  static final String USER_EMAIL = "user@test.example";
  static final String OTHER_EMAIL = "other@clinic.example";
  private static final String PASSWORD = Seed.PASSWORD;

  final TestDatabase db;
  final Herald herald;
  final Calls admin;
  final Calls user;
  final Calls other;
  final Calls operator;
  final long accountId;
  final long otherAccountId;

  ContactsFixture(JsonObject overrides) {
    db = TestDatabase.create();
    herald = TestHerald.start(TestHerald.config(db, overrides));
    accountId = db.queryLong("SELECT id FROM accounts ORDER BY id LIMIT 1");
    Seed.user(herald.httpPort(), USER_EMAIL, "user");
    otherAccountId = Seed.account(herald.httpPort(), "Other clinic", "GB", "Europe/London", OTHER_EMAIL, "Clinic").id();
    int port = herald.httpPort();
    admin = new Calls(port, TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    user = new Calls(port, USER_EMAIL, PASSWORD);
    other = new Calls(port, OTHER_EMAIL, PASSWORD);
    operator = new Calls(port, TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
  }

  ContactsFixture() {
    this(new JsonObject());
  }

  @Override
  public void close() {
    TestHerald.stop(herald);
    db.close();
  }
}
