package io.herald.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.herald.testing.MailServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proactive SMS: answers, campaigns, recipient lists with time zones, outreach dates, errors as the reference names them. */
class CampaignsTest {
  private static final String NUMBER = "+12025550100";
  static final MailServer mail = MailServer.open();
  @RegisterExtension
  // Friday 4 December 2026, noon UTC: the dates below are weeks and DST changes seen from then
  static final HeraldHarness h = HeraldHarness.at(Instant.parse("2026-12-04T12:00:00Z"), () -> new JsonObject()
      .put("http", new JsonObject().put("publicUrl", "https://herald.clinic.example"))
      .put("mail", new JsonObject().put("host", "127.0.0.1").put("port", mail.port()).put("from", "herald@clinic.example")));
  static long answer;
  static Api user;

  @BeforeAll
  static void setUp() {
    Api.Response off = h.admin.post("/api/v1/campaigns", new JsonObject());
    assertEquals(403, off.status());
    assertEquals("Proactive SMS is not turned on for this account: ask your Herald operator", off.json().getString("error"));
    assertEquals(200, h.operator.send("PATCH", "/api/v1/accounts/1", new JsonObject().put("campaigns", true)
        .put("maxListRecipients", 3_500)).status());
    user = io.herald.testing.Seed.user(h.herald.httpPort(), "desk@test.example", "user");
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", NUMBER)).status());
    Api.Response a = h.admin.post("/api/v1/answers", new JsonObject().put("name", "Flu shot").put("language", "en")
        .put("text", "Hi ~first_name|there~, your flu shot is due. Reply YES to book."));
    assertEquals(201, a.status(), a.body());
    answer = a.json().getLong("id");
    assertEquals(200, h.admin.send("PUT", "/api/v1/notifications/settings", new JsonObject()
        .put("recipients", new JsonArray().add("office@clinic.example"))).status());
  }

  @AfterAll
  static void stop() {
    mail.close();
  }

  private static JsonObject schedule(String... days) {
    JsonObject s = new JsonObject();
    for (String d : days) {
      s.put(d, new JsonArray().add("09:00").add("17:00"));
    }
    return s;
  }

  private static long campaign(String name, JsonObject schedule) {
    Api.Response r = h.admin.post("/api/v1/campaigns", new JsonObject().put("name", name).put("sender", NUMBER)
        .put("language", "en").put("answerId", answer).put("schedule", schedule));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static Api.Response upload(long campaign, String query, String csv) {
    return h.admin.upload("/api/v1/campaigns/" + campaign + "/lists" + query, "text/csv", csv);
  }

  private static String notBefore(long job, String to) {
    return Instant.parse(h.db.queryText("SELECT to_char(not_before AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        + " FROM messages WHERE job_id = " + job + " AND recipient = '" + to + "'")).toString();
  }

  @Test
  void anAnswerShowsItsPlaceholdersAndPartsAndBadOnesAreRefusedByName() {
    JsonObject check = h.admin.post("/api/v1/answers/check", new JsonObject().put("text", "Hi ~first_name~ at ~clinic~")).json();
    assertEquals(new JsonArray().add("first_name").add("clinic"), check.getJsonArray("placeholders"));
    assertEquals("GSM7", check.getString("encoding"));
    assertEquals(1, check.getInteger("parts"));
    assertTrue(check.getJsonArray("warnings").getString(0).contains("a column named clinic"), check.encode());
    Api.Response open = h.admin.post("/api/v1/answers", new JsonObject().put("name", "x").put("language", "en")
        .put("text", "Hi ~first_name"));
    assertEquals(400, open.status());
    assertEquals("template: placeholder at character 4 is not closed with ~", open.json().getString("error"));
    Api.Response language = h.admin.post("/api/v1/answers", new JsonObject().put("name", "x").put("language", "English")
        .put("text", "Hi"));
    assertEquals("language must be a language tag like en, es or fr-CA", language.json().getString("error"));
  }

  @Test
  void aCampaignNeedsANumberThatTakesRepliesAndAnOpenDay() {
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", "Clinic")).status());
    Api.Response alpha = h.admin.post("/api/v1/campaigns", new JsonObject().put("name", "x").put("sender", "Clinic")
        .put("language", "en").put("answerId", answer).put("schedule", schedule("mon")));
    assertEquals(400, alpha.status());
    assertTrue(alpha.json().getString("error").contains("an alphanumeric sender has no number to answer"), alpha.body());
    Api.Response closed = h.admin.post("/api/v1/campaigns", new JsonObject().put("name", "x").put("sender", NUMBER)
        .put("language", "en").put("answerId", answer).put("schedule", new JsonObject()));
    assertEquals("schedule has no open day", closed.json().getString("error"));
    Api.Response spanish = h.admin.post("/api/v1/campaigns", new JsonObject().put("name", "x").put("sender", NUMBER)
        .put("language", "es").put("answerId", answer).put("schedule", schedule("mon")));
    assertEquals("the answer 'Flu shot' is in en, not in the campaign's language es", spanish.json().getString("error"));
    assertEquals(403, user.post("/api/v1/campaigns", new JsonObject()).status(), "users read, admins create");
  }

  @Test
  void eachRecipientIsTextedInsideTheWindowInTheirOwnZoneAcrossADstChange() {
    long c = campaign("Monday mornings", schedule("mon"));
    // Friday 4 December 2026: the next Monday is the 7th, 09:00 in New York is 14:00 UTC, in Los Angeles 17:00
    Api.Response list = upload(c, "?name=week-49.csv&startAt=2026-12-05T00:00Z",
        "timezone,phone_number,name\nAmerica/New_York,1-202-555-0111,Ana\nAmerica/Los_Angeles,12025550112,Ben\n"
            + "America/New_York,+1 202 555 0111,Ana again\n");
    assertEquals(201, list.status(), list.body());
    JsonObject taken = list.json();
    assertEquals("Scheduled", taken.getString("status"));
    assertEquals(2, taken.getJsonObject("counts").getInteger("recipients"));
    assertEquals(1, taken.getInteger("duplicates"), "the same number twice is texted once");
    long job = taken.getLong("jobId");
    assertEquals("2026-12-07T14:00:00Z", notBefore(job, "+12025550111"));
    assertEquals("2026-12-07T17:00:00Z", notBefore(job, "+12025550112"));
    assertEquals("Hi Ana, your flu shot is due. Reply YES to book.",
        h.db.queryText("SELECT body FROM messages WHERE job_id = " + job + " AND recipient = '+12025550111'"));

    // the week clocks go forward (14 March 2027): Monday 09:00 is 13:00 UTC in New York, 16:00 in Los Angeles
    Api.Response march = upload(c, "?name=march.csv&startAt=2027-03-13T12:00%5BAmerica/New_York%5D",
        "America/New_York,12025550113\nAmerica/Los_Angeles,12025550114\n");
    assertEquals(201, march.status(), march.body());
    JsonObject dst = march.json();
    assertEquals("2027-03-15T13:00:00Z", notBefore(dst.getLong("jobId"), "+12025550113"));
    assertEquals("2027-03-15T16:00:00Z", notBefore(dst.getLong("jobId"), "+12025550114"));

    JsonObject campaign = user.get("/api/v1/campaigns/" + c).json();
    assertEquals("Scheduled", campaign.getString("status"));
    assertEquals(4, campaign.getJsonObject("counts").getInteger("recipients"));
    assertEquals(0, campaign.getJsonObject("counts").getInteger("sent"), "a closed day sends nothing");
    assertEquals(2, campaign.getJsonArray("lists").size());
  }

  @Test
  void aRefusedListKeepsNothingButItsErrorLogInTheReferencesWords() {
    long c = campaign("Errors", schedule("mon"));
    long jobs = h.db.queryLong("SELECT count(*) FROM jobs");
    StringBuilder big = new StringBuilder("timezone,phone_number,name\n");
    for (int i = 0; i < 3_501; i++) {
      big.append("America/Chicago,1312555").append(String.format("%04d", i)).append(",P").append(i).append('\n');
    }
    Map<String, String> files = Map.of(
        "big.csv", big.toString(),
        "zones.csv", "timezone,phone_number,name\nAmerica/Chicago,13125550100,Ana\nEastern,13125550101,Ben\n"
            + "Mars/Base,13125550102,Cy\n",
        "fields.csv", "timezone,phone_number,name\nAmerica/Chicago,13125550100,Ana,extra\n");
    Map<String, String> reasons = Map.of(
        "big.csv", "Number of recipients exceeds the maximum number allowed (3500) (row 3502)",
        "zones.csv", "Invalid Timezone (row 3) and 1 more error: see the error log",
        "fields.csv", "Wrong Number of Fields (row 2)");
    for (var file : files.entrySet()) {
      Api.Response r = upload(c, "?name=" + file.getKey() + "&startAt=2026-12-07T09:00", file.getValue());
      assertEquals(422, r.status(), r.body());
      assertEquals(reasons.get(file.getKey()), r.json().getString("error"), file.getKey());
      JsonObject list = r.json().getJsonObject("list");
      assertEquals("Refused", list.getString("status"));
      assertNull(list.getLong("jobId"));
      Api.Response log = h.admin.get(list.getString("errorLog"));
      assertEquals(200, log.status());
      if (file.getKey().equals("zones.csv")) {
        assertEquals("\"Error\",\"Row\",\"Original row\"\r\n\"Invalid Timezone\",3,\"Eastern\",\"13125550101\",\"Ben\"\r\n"
            + "\"Invalid Timezone\",4,\"Mars/Base\",\"13125550102\",\"Cy\"\r\n", log.body());
      }
    }
    Api.Response utf16 = upload(c, "?name=u.csv&startAt=2026-12-07T09:00",
        new String("timezone".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
    assertEquals(422, utf16.status());
    assertTrue(utf16.json().getString("error").startsWith("the file is not CSV UTF-8 or plain CSV"), utf16.body());
    assertEquals(jobs, h.db.queryLong("SELECT count(*) FROM jobs"), "a refused list leaves no job and no text");
    assertEquals("No recipients", h.admin.get("/api/v1/campaigns/" + c).json().getString("status"));
    assertEquals("startAt (the outreach date/time) is required, like 2026-12-10T09:00",
        upload(c, "?name=x.csv", "America/Chicago,13125550100\n").json().getString("error"));
  }

  @Test
  void outreachEndsWhereTheWindowHasNotOpenedYetAndARecipientsReplyIsCounted() throws Exception {
    // open only on the weekday it is now at UTC+14: a recipient there gets it now, one at UTC-11 not before the end
    String day = h.now().atZone(ZoneId.of("Pacific/Kiritimati")).getDayOfWeek()
        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    long c = campaign("Now and never", new JsonObject().put(day, new JsonArray().add("00:00").add("24:00")));
    String end = h.now().plusSeconds(6).toString();
    JsonObject list = upload(c, "?name=end.csv&startAt=2026-01-01T00:00Z&endAt=" + end,
        "Pacific/Kiritimati,12025550121,Dee\nPacific/Pago_Pago,12025550122,Eve\n").json();
    assertEquals("In progress", list.getString("status"), list.encode());
    JsonObject ended = h.admin.await("/api/v1/campaigns/" + c, x -> "Completed".equals(x.getString("status")));
    JsonObject only = ended.getJsonArray("lists").getJsonObject(0);
    assertEquals("Ended", only.getString("status"), only.encode());
    JsonObject counts = only.getJsonObject("counts");
    assertEquals(2, counts.getInteger("recipients"));
    assertEquals(1, counts.getInteger("notContacted"));
    assertEquals(1, counts.getInteger("sent"));
    assertEquals("expired", h.db.queryText("SELECT state FROM messages WHERE recipient = '+12025550122'"));
    MailServer.Received told = mail.await("Campaign 'Now and never': list end.csv ended, 1 of 2 not contacted");
    assertTrue(told.text().contains("https://herald.clinic.example/campaign.html?id=" + c), told.text());
    assertTrue(mail.withSubject("Job ").isEmpty(), "no second mail for the list's job: " + mail.mails());

    h.admin.await("/api/v1/campaigns/" + c, x -> x.getJsonObject("counts").getInteger("delivered") == 1);
    assertEquals(0, h.smsc.sendMo("12025550121", "12025550100", "YES".getBytes(StandardCharsets.ISO_8859_1), 0, 0,
        Map.of()).get());
    JsonObject replied = h.admin.await("/api/v1/campaigns/" + c, x -> x.getJsonObject("counts").getInteger("replied") == 1);
    assertEquals(1, replied.getJsonArray("lists").getJsonObject(0).getJsonObject("counts").getInteger("replied"));
    JsonObject conversation = h.admin.await("/api/v1/conversations?q=12025550121", x -> !x.getJsonArray("conversations").isEmpty())
        .getJsonArray("conversations").getJsonObject(0);
    assertEquals(NUMBER, conversation.getString("sender"), "the reply is in the campaign number's inbox");
    assertEquals("YES", conversation.getString("lastText"));
  }

  @Test
  void aCampaignWhoseNumberStopsTakingRepliesStopsItsListsSayingWhy() {
    Api.Response number = h.admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550109"));
    assertEquals(201, number.status(), number.body());
    Api.Response created = h.admin.post("/api/v1/campaigns", new JsonObject().put("name", "Recall").put("sender", "+12025550109")
        .put("language", "en").put("answerId", answer).put("schedule", schedule("mon", "tue")));
    long c = created.json().getLong("id");
    assertEquals(201, upload(c, "?name=recall.csv&startAt=2026-12-20T09:00", "America/Denver,13035550100,Fay\n").status());
    assertEquals(200, h.admin.send("PATCH", "/api/v1/senders/" + number.json().getLong("id"),
        new JsonObject().put("takesReplies", false)).status());
    JsonObject stopped = h.admin.await("/api/v1/campaigns/" + c,
        x -> "Paused".equals(x.getJsonArray("lists").getJsonObject(0).getString("status")));
    assertEquals("the phone number +12025550109 no longer takes replies", stopped.getString("stoppedReason"));
    assertEquals("the campaign cannot send: the phone number +12025550109 no longer takes replies",
        stopped.getJsonArray("lists").getJsonObject(0).getString("pausedReason"));
    Api.Response more = upload(c, "?name=more.csv&startAt=2026-12-20T09:00", "America/Denver,13035550101,Gus\n");
    assertEquals(409, more.status());
    assertEquals("the campaign cannot send: the phone number +12025550109 no longer takes replies",
        more.json().getString("error"));
  }
}
