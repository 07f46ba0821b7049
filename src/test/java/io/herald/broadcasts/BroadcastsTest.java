package io.herald.broadcasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.herald.testing.MailServer;
import io.herald.testing.Seed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broadcasts on Wednesday 9 December 2026, 11:00 in New York: counted, checked, confirmed by a user,
 * approved or rejected by an admin, sent to the recipients frozen or (refresh) found at send time.
 */
class BroadcastsTest {
  static final MailServer mail = MailServer.open();
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.at(Instant.parse("2026-12-09T16:00:00Z"), () -> new JsonObject()
      .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port()).put("from", "herald@school.example")));
  static final String TEXT = "Hi ~firstName~, school is closed on Friday. Reply STOP to opt out.";
  static Api user;
  static long groupA;
  static long groupB;
  static long sms;
  static long ana;
  static long ben;
  static long cy;

  private static long contact(String first, String phone, String parentPhone) {
    JsonObject body = new JsonObject().put("firstName", first).put("phone", phone);
    if (parentPhone != null) {
      body.put("fields", new JsonObject().put("parentPhone", parentPhone));
    }
    Api.Response r = h.admin.post("/api/v1/contacts", body);
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static long group(String name, long... members) {
    JsonArray ids = new JsonArray();
    for (long m : members) {
      ids.add(m);
    }
    Api.Response r = h.admin.post("/api/v1/groups", new JsonObject().put("name", name).put("type", "static")
        .put("contacts", ids));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static long message(String name, String text) {
    Api.Response r = user.post("/api/v1/sms", new JsonObject().put("name", name).put("text", text));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static JsonObject draft(Api who, JsonObject body) {
    Api.Response r = who.post("/api/v1/broadcasts", body);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  private static JsonObject toGroups(long smsId, long... groups) {
    JsonArray ids = new JsonArray();
    for (long g : groups) {
      ids.add(g);
    }
    return new JsonObject().put("sms", smsId).put("audience", "groups").put("groups", ids);
  }

  private static Api.Response step(Api who, long id, String step) {
    return who.post("/api/v1/broadcasts/" + id + "/" + step, new JsonObject());
  }

  @BeforeAll
  static void setUp() {
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("timeZone", "America/New_York"))
        .status());
    user = Seed.user(h.herald.httpPort(), "teacher@school.example", "user");
    assertEquals(201, h.admin.post("/api/v1/fields", new JsonObject().put("key", "parentPhone").put("label", "Parent phone")
        .put("type", "phone")).status());
    ana = contact("Ana", "+12025550201", "+12025550299");
    ben = contact("Ben", "+12025550202", "+12025550299");
    cy = contact("Cy", "+12025550203", "+12025550298");
    contact("Dee", "+12025550204", null);
    groupA = group("Class A", ana, ben);
    groupB = group("Class B", ana, cy);
    assertEquals(200, h.admin.send("PUT", "/api/v1/notifications/settings", new JsonObject()
        .put("recipients", new JsonArray().add("office@school.example"))).status());
    sms = message("Closed Friday", TEXT);
    Api.Response off = user.post("/api/v1/broadcasts", new JsonObject().put("sms", sms));
    assertEquals(403, off.status(), "off until the operator turns broadcasts on");
    assertEquals("Broadcasts are not turned on for this account: ask your Herald operator to turn them on",
        off.json().getString("error"));
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("broadcasts", true)).status());
  }

  @AfterAll
  static void stop() {
    mail.close();
  }

  @Test
  void aMessageWithErrorsCannotBeSent() {
    long bad = message("Typo", "Hi ~frstName~");
    JsonObject shown = user.get("/api/v1/sms/" + bad).json();
    assertEquals(true, shown.getBoolean("withErrors"));
    assertEquals(new JsonArray().add("~frstname~ is not a contact field of this account"), shown.getJsonArray("errors"));
    long id = draft(user, new JsonObject().put("sms", bad)).getLong("id");
    Api.Response count = step(user, id, "count");
    assertEquals(409, count.status());
    assertEquals("the message 'Typo' has errors: ~frstname~ is not a contact field of this account",
        count.json().getString("error"));
  }

  @Test
  void aContactInTwoGroupsIsCountedOnceAndEachDuplicatePolicyCountsItsOwnWay() {
    long smsId = message("Count", TEXT);
    JsonObject both = step(user, draft(user, toGroups(smsId, groupA, groupB)).getLong("id"), "count").json();
    assertEquals(3, both.getInteger("recipients"), both.encode());
    assertEquals(1, both.getJsonObject("leftOut").getInteger("notInAnyGroup"), "Dee");
    assertEquals(0, both.getJsonObject("leftOut").getInteger("duplicateNumber"));

    JsonObject parents = toGroups(smsId, groupA, groupB).put("phoneField", "parentPhone");
    JsonObject perNumber = step(user, draft(user, parents).getLong("id"), "count").json();
    assertEquals(2, perNumber.getInteger("recipients"), "Ana and Ben's parent is texted once");
    assertEquals(1, perNumber.getJsonObject("leftOut").getInteger("duplicateNumber"));
    JsonObject perContact = step(user, draft(user, parents.copy().put("duplicates", "perContact")).getLong("id"), "count")
        .json();
    assertEquals(3, perContact.getInteger("recipients"), "one text a child, two to the same parent");
    assertEquals(new JsonArray().add(new JsonObject().put("to", "+12025550299").put("text",
        "Hi Ana, school is closed on Friday. Reply STOP to opt out.")).getJsonObject(0),
        perContact.getJsonArray("samples").getJsonObject(0));
  }

  @Test
  void aFailedCheckBlocksConfirmingAndAGroupDeletedSinceTheCountIsNamed() {
    long noStop = message("No stop", "Hi ~firstName~, school is closed on Friday.");
    long id = draft(user, toGroups(noStop, groupA)).getLong("id");
    JsonObject prepared = step(user, id, "prepare").json();
    assertEquals(false, prepared.getBoolean("passed"));
    JsonObject optOut = prepared.getJsonArray("checks").getJsonObject(0);
    assertEquals("fail", optOut.getString("result"));
    Api.Response confirm = step(user, id, "confirm");
    assertEquals(409, confirm.status());
    assertTrue(confirm.json().getString("error").startsWith("a check failed: the text has no opt-out instructions"),
        confirm.body());

    long temp = group("Trip", cy);
    long trip = draft(user, toGroups(message("Trip", TEXT), temp)).getLong("id");
    assertEquals(1, step(user, trip, "count").json().getInteger("recipients"));
    assertEquals(204, h.admin.send("DELETE", "/api/v1/groups/" + temp, null).status());
    Api.Response gone = step(user, trip, "confirm");
    assertEquals(409, gone.status());
    assertEquals("group " + temp + " no longer exists: choose the recipients again", gone.json().getString("error"));

    // the draft is changed in place, checked as a new one is; what was confirmed is not
    Api.Response unknown = user.send("PUT", "/api/v1/broadcasts/" + trip, toGroups(message("Trip 2", TEXT), temp));
    assertEquals(400, unknown.status());
    assertEquals("there is no group " + temp, unknown.json().getString("error"));
    assertEquals(400, user.post("/api/v1/broadcasts", toGroups(noStop, temp)).status(), "nor for a new one");
    JsonObject fixed = user.send("PUT", "/api/v1/broadcasts/" + trip, toGroups(noStop, groupA).put("duplicates",
        "perContact")).json();
    assertEquals("draft", fixed.getString("status"), fixed.encode());
    assertEquals("perContact", fixed.getString("duplicates"));
    assertEquals(2, step(user, trip, "count").json().getInteger("recipients"));
  }

  @Test
  void confirmedByAUserApprovedByAnAdminSentAsFrozenWithAnOptOutSinceSkipped() {
    long smsId = message("Approved", TEXT.replace("Friday", "Monday"));
    long id = draft(user, toGroups(smsId, groupA, groupB)).getLong("id");
    assertEquals(true, step(user, id, "prepare").json().getBoolean("passed"));
    JsonObject confirmed = step(user, id, "confirm").json();
    assertEquals("awaiting approval", confirmed.getString("status"), confirmed.encode());
    assertEquals("teacher@school.example", confirmed.getString("preparedBy"));
    assertTrue(mail.await("Broadcast " + id + " awaits approval").text().contains("teacher@school.example prepared"));
    assertEquals(409, step(user, id, "count").status(), "what was confirmed is not changed");
    assertEquals(409, user.send("PUT", "/api/v1/broadcasts/" + id, toGroups(smsId, groupA)).status(),
        "nor are its choices");
    assertEquals(403, step(user, id, "approve").status(), "users prepare, admins approve");
    // the library's message changes after confirming: the frozen one is what goes
    assertEquals(200, user.send("PUT", "/api/v1/sms/" + smsId, new JsonObject().put("name", "Approved")
        .put("text", "Changed. Reply STOP to opt out.")).status());
    assertEquals(201, h.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550203")).status());

    assertEquals("approved", step(h.admin, id, "approve").json().getString("status"), "approving answers at once");
    JsonObject sending = h.admin.await("/api/v1/broadcasts/" + id, b -> b.getJsonArray("events").size() == 4);
    assertEquals(List.of("created", "confirmed", "approved", "sending"), sending.getJsonArray("events").stream()
        .map(e -> ((JsonObject) e).getString("action")).toList(), sending.encode());
    assertTrue(sending.getJsonArray("events").getJsonObject(3).getString("detail").contains("1 skipped"));
    h.awaitTexts(List.of("+12025550201", "+12025550202"), 2);
    assertEquals(List.of("Hi Ana, school is closed on Monday. Reply STOP to opt out."), h.textsTo("+12025550201"));
    assertTrue(h.textsTo("+12025550203").isEmpty(), "Cy opted out after confirming");
    JsonObject done = h.admin.await("/api/v1/broadcasts/" + id, b -> "completed".equals(b.getString("status")));
    assertEquals("All 2 messages were sent", done.getJsonObject("progress").getJsonObject("line").getString("text"),
        done.encode());
  }

  @Test
  void fourEyesAndARejectionWithItsReasonToldToThePreparer() {
    assertEquals(200, h.admin.send("PUT", "/api/v1/broadcasts/settings", new JsonObject().put("fourEyes", true)).status());
    try {
      long own = draft(h.admin, toGroups(message("Own", TEXT), groupA)).getLong("id");
      assertEquals(200, step(h.admin, own, "confirm").status());
      Api.Response self = step(h.admin, own, "approve");
      assertEquals(403, self.status());
      assertTrue(self.json().getString("error").startsWith("four-eyes is on for this account"), self.body());

      long id = draft(user, toGroups(message("Rejected", TEXT), groupA)).getLong("id");
      assertEquals(200, step(user, id, "confirm").status());
      Api.Response noReason = step(h.admin, id, "reject");
      assertEquals(400, noReason.status());
      JsonObject rejected = h.admin.post("/api/v1/broadcasts/" + id + "/reject", new JsonObject()
          .put("reason", "Say which Friday")).json();
      assertEquals("rejected", rejected.getString("status"));
      assertEquals("Say which Friday", rejected.getString("rejectReason"));
      MailServer.Received told = mail.await("Broadcast " + id + " was rejected");
      assertTrue(told.text().contains("Say which Friday"), told.text());
      assertTrue(mail.withSubject("Broadcast " + id + " was rejected").stream()
          .anyMatch(m -> m.to().contains("teacher@school.example")), "the one who prepared it is told");
      assertEquals(0, h.db.queryLong("SELECT count(*) FROM broadcasts WHERE id = " + id + " AND job_id IS NOT NULL"));
    } finally {
      h.admin.send("PUT", "/api/v1/broadcasts/settings", new JsonObject().put("fourEyes", false));
    }
  }

  @Test
  void laterInAnotherZoneWithRefreshTextsTheGroupAsItIsAtSendTime() {
    long eve = contact("Eve", "+12025550205", null);
    long fay = contact("Fay", "+12025550206", null);
    long later = group("Later", fay);
    String at = h.now().plusSeconds(6).atZone(ZoneId.of("America/Chicago")).toLocalDateTime()
        .truncatedTo(ChronoUnit.SECONDS).toString();
    long id = draft(user, toGroups(message("Later", TEXT.replace("Friday", "Tuesday")), later)
        .put("sendAt", at).put("timeZone", "America/Chicago").put("refresh", true)).getLong("id");
    assertEquals(200, step(user, id, "confirm").status());
    JsonObject scheduled = step(h.admin, id, "approve").json();
    assertEquals("scheduled", scheduled.getString("status"), scheduled.encode());
    assertEquals(200, h.admin.post("/api/v1/groups/" + later + "/members", new JsonObject()
        .put("contacts", new JsonArray().add(eve))).status());
    assertEquals(200, h.admin.post("/api/v1/groups/" + later + "/members/remove", new JsonObject()
        .put("contacts", new JsonArray().add(fay))).status());
    h.awaitTexts(List.of("+12025550205"), 1);
    assertEquals(List.of("Hi Eve, school is closed on Tuesday. Reply STOP to opt out."), h.textsTo("+12025550205"));
    h.admin.await("/api/v1/broadcasts/" + id, b -> "completed".equals(b.getString("status")));
    assertTrue(h.textsTo("+12025550206").isEmpty(), "Fay left the group before it was sent");
  }
}
