package io.herald.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;

/** Seed data made the way an operator makes it, through the API: never rows written behind Herald's back. */
public final class Seed {
  public static final String PASSWORD = "a password for tests";

  private Seed() {}

  /** A second account with an admin and a default sender. */
  public record Account(long id, String adminEmail, Api admin) {}

  /**
   * An account named name (region and time zone as given, null for the defaults), an admin who logs
   * in with {@link #PASSWORD}, and senderAddress as its default sender.
   */
  public static Account account(int httpPort, String name, String region, String timeZone, String adminEmail,
                                String senderAddress) {
    Api operator = new Api(httpPort, TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    JsonObject settings = new JsonObject().put("name", name);
    if (region != null) {
      settings.put("region", region);
    }
    if (timeZone != null) {
      settings.put("timeZone", timeZone);
    }
    Api.Response made = operator.post("/api/v1/accounts", settings);
    assertEquals(201, made.status(), made.body());
    long id = made.json().getLong("id");
    Api.Response user = operator.post("/api/v1/users", new JsonObject().put("email", adminEmail)
        .put("password", PASSWORD).put("role", "admin").put("account", id));
    assertEquals(201, user.status(), user.body());
    Api.Response sender = operator.post("/api/v1/senders?account=" + id, new JsonObject().put("address", senderAddress));
    assertEquals(201, sender.status(), sender.body());
    return new Account(id, adminEmail, new Api(httpPort, adminEmail, PASSWORD));
  }

  /** A user of the first account, made by its admin. */
  public static Api user(int httpPort, String email, String role) {
    Api admin = new Api(httpPort, TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    Api.Response r = admin.post("/api/v1/users", new JsonObject().put("email", email).put("password", PASSWORD)
        .put("role", role));
    assertEquals(201, r.status(), r.body());
    return new Api(httpPort, email, PASSWORD);
  }
}
