package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.Seed;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes first, how capacity is shared, and when messages may go, as the peer SMSC sees it. */
class DispatchOrderTest {
  TestDatabase db;
  CloudhopperSmsc smsc;
  Herald herald;
  Api api;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
  }

  @AfterEach
  void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  private void startHerald(int window, int tps) {
    herald = TestHerald.start(TestHerald.config(db, new JsonObject()
        .put("smsc", new JsonArray().add(new JsonObject().put("name", "carrier").put("port", smsc.port())
            .put("systemId", "carrier").put("password", "pw").put("window", window).put("tps", tps)))
        .put("dispatch", new JsonObject().put("pollMillis", 50).put("retryMinMillis", 300).put("retryMaxMillis", 2000))));
    api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    new Api(herald.httpPort(), null, null).await("/health", h -> h.getString("status").equals("up"));
  }

  private static JsonArray recipients(String prefix, int n, String body) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < n; i++) {
      list.add(new JsonObject().put("to", prefix + String.format("%04d", i)).put("body", body));
    }
    return list;
  }

  private int positionOfLast(String destinationPrefix) {
    List<CloudhopperSmsc.Submit> submits = smsc.submits();
    int last = -1;
    for (int i = 0; i < submits.size(); i++) {
      if (submits.get(i).destination().startsWith(destinationPrefix)) {
        last = i;
      }
    }
    return last;
  }

  @Test
  void aSmallJobOfOneAccountIsNotStuckBehindALargeJobOfAnother() {
    startHerald(10, 400);
    Api school = Seed.account(herald.httpPort(), "School", null, null, "school@example.com", "School").admin();
    long big = api.post("/api/v1/jobs", new JsonObject().put("recipients", recipients("+1202555", 3000, "bulk"))).json().getLong("id");
    api.await("/api/v1/jobs/" + big, j -> j.getJsonObject("counts").getLong("delivered") >= 100);
    long small = school.post("/api/v1/jobs", new JsonObject().put("recipients", recipients("+1312555", 100, "small"))).json().getLong("id");
    school.await("/api/v1/jobs/" + small, j -> j.getString("status").equals("completed"));
    int smallDone = positionOfLast("1312555");
    int bigSentBefore = (int) smsc.submits().subList(0, smallDone + 1).stream().filter(s -> s.destination().startsWith("1202555")).count();
    System.out.printf("fairness: the 100-message job finished at submit %d, with %d of the 3000-message job's submits before it%n",
        smallDone + 1, bigSentBefore);
    // with capacity shared equally the small job needs about 200 submits once it starts
    assertTrue(smallDone < 100 + 400 + 300, "the small job finished at submit " + smallDone);
    api.await("/api/v1/jobs/" + big, j -> j.getString("status").equals("completed"));
  }

  @Test
  void aConversationReplyOvertakesABulkJobThatIsDraining() {
    startHerald(20, 200);
    long bulk = api.post("/api/v1/jobs", new JsonObject().put("recipients", recipients("+1202555", 2000, "bulk"))).json().getLong("id");
    api.await("/api/v1/jobs/" + bulk, j -> j.getJsonObject("counts").getLong("delivered") >= 200);
    int before = smsc.submits().size();
    api.post("/api/v1/messages", new JsonObject().put("to", "+13125559876").put("body", "A reply"));
    // what is measured is the reply reaching the SMSC; its receipt may queue behind the bulk's at the peer
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (positionOfLast("13125559876") < 0 && System.nanoTime() < deadline) {
      Api.sleep(10);
    }
    int position = positionOfLast("13125559876");
    assertTrue(position >= 0, "the reply reached the SMSC");
    System.out.printf("priority: the reply was handed over at submit %d and reached the SMSC at submit %d (window 20)%n", before, position);
    assertTrue(position - before <= 2 * 20, "bulk submits between the reply's hand-over and its arrival: " + (position - before));
    assertTrue(api.get("/api/v1/jobs/" + bulk).json().getJsonObject("counts").getLong("queued") > 500, "the bulk job was still draining");
    api.post("/api/v1/jobs/" + bulk + "/cancel", "");
  }

  @Test
  void aSenderLimitHoldsInEverySecondAtTheSmsc() {
    startHerald(10, 1000);
    assertEquals(201, api.post("/api/v1/senders", new JsonObject().put("address", "+12025550888").put("tps", 3)).status());
    long limited = api.post("/api/v1/jobs", new JsonObject().put("from", "+12025550888").put("recipients", recipients("+1202556", 12, "limited")))
        .json().getLong("id");
    long free = api.post("/api/v1/jobs", new JsonObject().put("recipients", recipients("+1202557", 200, "free"))).json().getLong("id");
    api.await("/api/v1/jobs/" + free, j -> j.getString("status").equals("completed"));
    api.await("/api/v1/jobs/" + limited, j -> j.getString("status").equals("completed"));
    Map<Long, Long> perSecond = smsc.submits().stream().filter(s -> s.source().equals("12025550888"))
        .collect(java.util.stream.Collectors.groupingBy(s -> s.receivedAt().getEpochSecond(), java.util.stream.Collectors.counting()));
    System.out.println("sender limited to 3/s, submits per second at the SMSC: " + perSecond);
    perSecond.forEach((second, n) -> assertTrue(n <= 3, second + ": " + n));
    assertEquals(12, perSecond.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void messagesOutsideTheirWindowWaitForItsOpeningAndExpireAtTheJobsEnd() {
    startHerald(10, 1000);
    // open only on a day that is not today or tomorrow anywhere: nothing may go now
    DayOfWeek closedToday = Instant.now().atOffset(ZoneOffset.UTC).getDayOfWeek().plus(3);
    String day = closedToday.name().substring(0, 3).toLowerCase();
    Instant end = Instant.now().plusSeconds(3);
    JsonObject created = api.post("/api/v1/jobs", new JsonObject()
        .put("schedule", new JsonObject().put(day, new JsonArray().add("09:00").add("17:00")))
        .put("endAt", end.toString())
        .put("recipients", new JsonArray()
            .add(new JsonObject().put("to", "+12025550401").put("body", "later"))
            .add(new JsonObject().put("to", "+12025550402").put("body", "later, in Tokyo").put("timeZone", "Asia/Tokyo")))).json();
    long id = created.getLong("id");
    assertEquals(2, created.getJsonObject("counts").getLong("queued"));
    String notBefore = db.queryText("SELECT min(not_before)::text FROM messages WHERE job_id = " + id);
    assertTrue(Instant.now().plusSeconds(3600).isBefore(java.time.OffsetDateTime.parse(notBefore.replace(" ", "T") + ":00").toInstant()),
        "parked until the window opens: " + notBefore);
    JsonObject job = api.await("/api/v1/jobs/" + id, j -> j.getString("status").equals("completed"));
    assertEquals(2, job.getJsonObject("counts").getLong("expired"));
    assertEquals(0, smsc.submits().size(), "nothing went out");
    JsonObject message = api.get("/api/v1/messages/" + db.queryLong("SELECT min(id) FROM messages WHERE job_id = " + id)).json();
    assertEquals("the job's end time passed before it was sent", message.getString("errorDetail"));
  }

  @Test
  void anOptedOutNumberIsRefusedWhenTheJobIsWrittenAndSkippedWhenItOptsOutLater() {
    startHerald(10, 1000);
    assertEquals(201, api.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550601").put("reason", "asked by phone")).status());
    JsonObject created = api.post("/api/v1/jobs", new JsonObject().put("startAt", Instant.now().plusSeconds(2).toString())
        .put("recipients", new JsonArray()
            .add(new JsonObject().put("to", "+12025550601").put("body", "opted out before"))
            .add(new JsonObject().put("to", "+12025550602").put("body", "opts out meanwhile"))
            .add(new JsonObject().put("to", "+12025550603").put("body", "stays")))).json();
    assertEquals(new JsonObject().put("row", 1).put("field", "to").put("value", "+12025550601").put("error", "the number opted out"),
        created.getJsonArray("errors").getJsonObject(0));
    assertEquals(201, api.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550602").put("reason", "STOP by e-mail")).status());
    JsonObject job = api.await("/api/v1/jobs/" + created.getLong("id"), j -> j.getString("status").equals("completed"));
    assertEquals(1, job.getJsonObject("counts").getLong("skipped"));
    assertEquals(1, job.getJsonObject("counts").getLong("delivered"));
    assertEquals(List.of("12025550603"), smsc.submits().stream().map(CloudhopperSmsc.Submit::destination).toList());
    JsonObject skipped = api.get("/api/v1/messages/" + db.queryLong("SELECT id FROM messages WHERE recipient = '+12025550602'")).json();
    assertEquals("skipped", skipped.getString("status"));
    assertEquals("the number opted out", skipped.getString("errorDetail"));
  }

  @Test
  void temporaryErrorsAreRetriedWithBackoffThenGiveUp() {
    AtomicInteger refusals = new AtomicInteger();
    smsc.responder(s -> s.destination().equals("12025550501") && refusals.incrementAndGet() <= 2 ? 0x14
        : s.destination().equals("12025550502") ? 0x08 : 0);
    startHerald(10, 1000);
    JsonObject job = api.post("/api/v1/jobs", new JsonObject().put("recipients", new JsonArray()
        .add(new JsonObject().put("to", "+12025550501").put("body", "busy twice"))
        .add(new JsonObject().put("to", "+12025550502").put("body", "always broken")))).json();
    api.await("/api/v1/jobs/" + job.getLong("id"), j -> j.getString("status").equals("completed"));
    JsonObject retried = api.get("/api/v1/messages/" + db.queryLong("SELECT id FROM messages WHERE recipient = '+12025550501'")).json();
    assertEquals("delivered", retried.getString("status"));
    assertEquals(3, retried.getInteger("attempts"));
    List<Instant> queuedAgain = retried.getJsonArray("events").stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("status").equals("queued") && e.getString("detail") != null)
        .map(e -> Instant.parse(e.getString("at"))).toList();
    assertEquals(2, queuedAgain.size());
    String notBefores = db.queryText("SELECT string_agg(detail, ' | ' ORDER BY id) FROM message_events WHERE message_id = "
        + retried.getLong("id") + " AND state = 'queued' AND detail IS NOT NULL");
    assertTrue(notBefores.contains("ESME_RMSGQFUL"), notBefores);
    JsonObject gaveUp = api.get("/api/v1/messages/" + db.queryLong("SELECT id FROM messages WHERE recipient = '+12025550502'")).json();
    assertEquals("failed", gaveUp.getString("status"));
    assertEquals(5, gaveUp.getInteger("attempts"));
    assertEquals("gave up after 5 attempts: submit_sm refused by carrier: 0x00000008 ESME_RSYSERR", gaveUp.getString("errorDetail"));
  }
}
