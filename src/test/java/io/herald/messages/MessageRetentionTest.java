package io.herald.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.config.HeraldConfig;
import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How long texts are kept: an account that keeps less loses its older texts and replies and nothing else; a
 * year and more later, the month past every account's retention is gone whole while its jobs keep
 * their counts, and new texts go on in a month of their own. The tests are one story in order: the
 * second restarts Herald more than a year ahead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MessageRetentionTest {
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static HeraldConfig config;
  static Herald herald;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    config = TestHerald.config(db, TestHerald.withPeer(smsc, 10, 1000));
    herald = TestHerald.startUp(config);
    assertEquals(201, admin().post("/api/v1/senders", new JsonObject().put("address", "+12025550100")
        .put("default", true)).status());
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  private static Api admin() {
    return new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  private static final String WALK_IN = "front-desk@walk-in.example";
  private static final String WALK_IN_PASSWORD = "walk-in front desk";

  private static Api walkIn() {
    return new Api(herald.httpPort(), WALK_IN, WALK_IN_PASSWORD);
  }

  private static Api operator() {
    return new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
  }

  private static void restartAt(Clock clock) {
    TestHerald.stop(herald);
    herald = TestHerald.start(config, clock);
    new Api(herald.httpPort(), null, null).await("/health", h -> "up".equals(h.getString("status")));
  }

  private static long sent(Api api, String to) {
    Api.Response r = api.post("/api/v1/messages", new JsonObject().put("to", to).put("body", "Your appointment is confirmed"));
    assertEquals(202, r.status(), r.body());
    long id = r.json().getLong("id");
    api.await("/api/v1/messages/" + id, m -> "delivered".equals(m.getString("status")));
    return id;
  }

  @Test
  @Order(1)
  void anAccountThatKeepsLessLosesItsOlderTextsAndNothingElse() {
    Api.Response refused = operator().post("/api/v1/accounts", new JsonObject().put("name", "Walk-in")
        .put("retentionDays", 3));
    assertEquals(400, refused.status(), refused.body());
    assertEquals("retentionDays must be a whole number of days from 7 to 3660", refused.json().getString("error"));
    Api.Response made = operator().post("/api/v1/accounts", new JsonObject().put("name", "Walk-in")
        .put("retentionDays", 30));
    assertEquals(201, made.status(), made.body());
    assertEquals(30, made.json().getInteger("retentionDays"));
    Api.Response user = operator().post("/api/v1/users", new JsonObject()
        .put("account", made.json().getLong("id")).put("email", WALK_IN).put("password", WALK_IN_PASSWORD).put("role", "admin"));
    assertEquals(201, user.status(), user.body());
    assertEquals(201, walkIn().post("/api/v1/senders", new JsonObject().put("address", "+12025550200")
        .put("default", true)).status());
    // the first account was left at the default
    assertEquals(400, operator().get("/api/v1/accounts").json().getJsonArray("accounts").getJsonObject(0)
        .getInteger("retentionDays"));

    long keptOld = sent(admin(), "+12025550301");
    long keptNew = sent(admin(), "+12025550302");
    long shortOld = sent(walkIn(), "+12025550303");
    long shortNew = sent(walkIn(), "+12025550304");
    Api.Response scheduled = walkIn().post("/api/v1/jobs", new JsonObject()
        .put("startAt", Instant.now().plus(Duration.ofDays(60)).toString())
        .put("recipients", new JsonArray().add(new JsonObject().put("to", "+12025550305").put("body", "See you soon"))));
    assertEquals(201, scheduled.status(), scheduled.body());
    long scheduledJob = scheduled.json().getLong("id");
    long scheduledText = db.queryLong("SELECT id FROM messages WHERE job_id = " + scheduledJob);
    reply("12025550303", "12025550200");
    reply("12025550301", "12025550100");
    Await.until("both replies in their inboxes", () -> conversations(walkIn()) == 1 && conversations(admin()) == 1);
    // 45 days on, the texts above are 45 days old (retention runs after start, then hourly), but for one
    // written, as it were, just before the restart
    db.execute("UPDATE messages SET created_at = now() + interval '45 days' WHERE id IN (%d, %d)"
        .formatted(keptNew, shortNew));
    restartAt(Clock.offset(Clock.systemUTC(), Duration.ofDays(45)));

    Await.until("the text older than 30 days gone", () -> walkIn().get("/api/v1/messages/" + shortOld).status() == 404);
    assertEquals(0, db.queryLong("SELECT count(*) FROM message_parts WHERE message_id = " + shortOld));
    assertEquals(0, db.queryLong("SELECT count(*) FROM message_events WHERE message_id = " + shortOld));
    assertEquals("delivered", walkIn().get("/api/v1/messages/" + shortNew).json().getString("status"));
    // the inbox keeps for the same time: the reply and its conversation went, the other account's stay
    Await.until("the reply older than 30 days gone", () -> conversations(walkIn()) == 0);
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+12025550303'"));
    assertEquals(1, conversations(admin()));
    // still to be sent: a retention never takes a text that has not gone
    assertEquals("queued", walkIn().get("/api/v1/messages/" + scheduledText).json().getString("status"));
    assertEquals("delivered", admin().get("/api/v1/messages/" + keptOld).json().getString("status"));
    assertEquals("delivered", admin().get("/api/v1/messages/" + keptNew).json().getString("status"));
    assertEquals(200, walkIn().post("/api/v1/jobs/" + scheduledJob + "/cancel", new JsonObject()).status());
  }

  @Test
  @Order(2)
  void aMonthPastEveryAccountsRetentionIsDroppedWholeAndItsJobsKeepTheirCounts() {
    Api.Response job = admin().post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550401").put("body", "Flu shots are in"))));
    assertEquals(201, job.status(), job.body());
    long jobId = job.json().getLong("id");
    admin().await("/api/v1/jobs/" + jobId, j -> j.getJsonObject("counts").getInteger("delivered", 0) == 1);
    long text = db.queryLong("SELECT id FROM messages WHERE job_id = " + jobId);
    String month = monthTable(monthOf(text));
    assertEquals(1, db.queryLong("SELECT count(*) FROM " + month + " WHERE id = " + text));

    // 500 days on (455 after the restart before): the month of that text, at most 76 days on, is past
    // the longest retention (400 days) and its slack of a day
    Instant later = Instant.now().plus(Duration.ofDays(500));
    restartAt(Clock.offset(Clock.systemUTC(), Duration.ofDays(500)));

    Await.until("the month's texts gone", () -> admin().get("/api/v1/messages/" + text).status() == 404);
    assertEquals("", db.queryText("SELECT coalesce(to_regclass('" + month + "')::text, '')"));
    assertEquals("", db.queryText("SELECT coalesce(to_regclass('message_parts_" + month.substring(9) + "')::text, '')"));
    assertEquals(1, admin().get("/api/v1/jobs/" + jobId).json().getJsonObject("counts").getInteger("delivered"));

    // the texts of the new month take its ids, exactly readable by a browser (below 2^53)
    long next = sent(admin(), "+12025550402");
    YearMonth now = YearMonth.from(later.atOffset(ZoneOffset.UTC));
    assertEquals(now, monthOf(next), "the month of the id " + next);
    assertTrue(next < 1L << 53);
    assertEquals(1, db.queryLong("SELECT count(*) FROM " + monthTable(now) + " WHERE id = " + next));
  }

  /** A month's ids are its months since 2000-01 times 2^34. */
  private static YearMonth monthOf(long id) {
    long months = id >> 34;
    return YearMonth.of(2000 + (int) (months / 12), (int) (months % 12) + 1);
  }

  private static void reply(String from, String to) {
    try {
      assertEquals(0, smsc.sendMo(from, to, "Thank you".getBytes(StandardCharsets.ISO_8859_1), 0, 0, Map.of()).get());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int conversations(Api api) {
    return api.get("/api/v1/conversations").json().getJsonArray("conversations").size();
  }

  private static String monthTable(YearMonth month) {
    return "messages_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
  }
}
