package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.herald.testing.Seed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every setting of a drop profile, each with a file that uses it, and the mistakes refused when a profile is saved. */
class DropProfileOptionsTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject());

  private static JsonObject upload(JsonObject profile, String name, String content) {
    Api.Response r = f.upload(profile.getLong("id"), "?name=" + name, content.getBytes(StandardCharsets.UTF_8));
    assertTrue(r.status() == 201 || r.status() == 422, r.body());
    return r.json();
  }

  private static JsonObject error(long row, String field, String value, String reason) {
    return new JsonObject().put("row", row).put("field", field).put("value", value).put("error", reason);
  }

  private static JsonArray errors(JsonObject... list) {
    return fields(list);
  }

  private static JsonArray fields(JsonObject... list) {
    JsonArray array = new JsonArray();
    for (JsonObject o : list) {
      array.add(o);
    }
    return array;
  }

  private static JsonObject field(Object column, String label) {
    return new JsonObject().put("column", column).put("label", label);
  }

  private static String refusal(JsonObject settings) {
    Api.Response r = f.admin.post("/api/v1/drop-profiles", settings);
    assertEquals(400, r.status(), r.body());
    return r.json().getString("error");
  }

  @Test
  void mistakesAreRefusedWhenTheProfileIsSaved() {
    JsonObject base = new JsonObject().put("username", "checks").put("mobileColumn", "Mobile")
        .put("fields", fields(field("First", "first")));
    Api.Response unknown = f.admin.post("/api/v1/drop-profiles", base.copy().put("template", "Hi ~first~, ~nickname~"));
    assertEquals(new JsonObject().put("error", "template uses ~nickname~, which is not the label of a custom field (labels: first)")
        .put("field", "template").put("value", "Hi ~first~, ~nickname~"), unknown.json());
    assertEquals("mobileColumn names a header, but the file has no header row: give the column's position instead"
        + " (1 for the first column)", refusal(base.copy().put("hasHeader", false).put("fields", new JsonArray())
        .put("template", "x")));
    assertEquals("give a template, a messageColumn or a keywordColumn: each text has to come from one of them",
        refusal(base.copy()));
    assertEquals("sendAtFormat must hold at least a year, a month and a day (like yyyy-MM-dd HH:mm)",
        refusal(base.copy().put("template", "x").put("sendAtColumn", 3).put("sendAtFormat", "HH:mm")));
    assertTrue(refusal(base.copy().put("template", "x").put("sendAtFormat", "yyyy-MM-dd {bad}"))
        .startsWith("sendAtFormat is not a date-time pattern: "));
    assertEquals("timeZone must be an IANA time zone like America/New_York",
        refusal(base.copy().put("template", "x").put("timeZone", "Eastern")));
    assertEquals("unknown sender", refusal(base.copy().put("template", "x").put("from", "Nobody")));
    assertEquals("unknown field colour", refusal(base.copy().put("template", "x").put("colour", "blue")));
    assertEquals("drop files are sent in the bulk lane", refusal(base.copy().put("template", "x").put("lane", "alert")));
    assertTrue(refusal(base.copy().put("template", "x")
        .put("fields", fields(field("First", "first").put("contactField", "shoeSize"))))
        .startsWith("contactField shoeSize is not a contact field of this account (fields: firstName, lastName, email,"
        + " timeZone, language"));
    assertEquals("mobileColumn must be a column position from 1 (the first column) to 10000, or a header name",
        refusal(base.copy().put("template", "x").put("mobileColumn", 0)));
    assertEquals("username must be 3 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit",
        refusal(base.copy().put("template", "x").put("username", "a b")));
    f.profile(base.copy().put("username", "taken").put("template", "x"));
    Api.Response taken = f.admin.post("/api/v1/drop-profiles", base.copy().put("username", "TAKEN").put("template", "x"));
    assertEquals(409, taken.status());
    assertEquals("username TAKEN is taken: FTP user names are unique across Herald", taken.json().getString("error"));
  }

  @Test
  void onlyAdminsOfAnAccountWithDropAndGoManageProfiles() {
    Seed.user(f.herald.httpPort(), "clerk@example.com", "user");
    Api.Response clerk = f.http("clerk@example.com", Seed.PASSWORD, "GET", "/api/v1/drop-profiles", "application/json",
        new byte[0]);
    assertEquals(403, clerk.status());
    assertEquals("only account admins may do this", clerk.json().getString("error"));
    Seed.account(f.herald.httpPort(), "Without Drop & Go", null, null, "other@example.com", "Other");
    Api.Response off = f.http("other@example.com", Seed.PASSWORD, "POST", "/api/v1/drop-profiles", "application/json",
        new JsonObject().put("username", "other").put("mobileColumn", 1).put("template", "x").encode().getBytes());
    assertEquals(403, off.status());
    assertEquals("Drop & Go is not turned on for this account: ask support to turn it on", off.json().getString("error"));
    Api.Response list = f.http("other@example.com", Seed.PASSWORD, "GET", "/api/v1/drop-profiles", "application/json",
        new byte[0]);
    assertEquals(new JsonObject().put("dropAndGo", false).put("profiles", new JsonArray()), list.json(),
        "the settings page can tell the feature is off");
    Api.Response notOperator = f.asAdmin("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", false));
    assertEquals(403, notOperator.status());
    assertEquals("only operators may do this", notOperator.json().getString("error"));
    assertEquals(404, f.asOperator("PATCH", "/api/v1/accounts/999", new JsonObject().put("dropAndGo", true)).status());
    assertEquals("dropAndGo must be true or false", f.asOperator("PATCH", "/api/v1/accounts/1",
        new JsonObject().put("dropAndGo", "yes")).json().getString("error"));
    JsonObject account = f.asAdmin("GET", "/api/v1/accounts/1", null).json();
    assertEquals(new JsonObject().put("id", 1).put("name", "Default").put("dropAndGo", true),
        new JsonObject().put("id", account.getLong("id")).put("name", account.getString("name"))
            .put("dropAndGo", account.getBoolean("dropAndGo")));
    Api.Response listed = f.asOperator("GET", "/api/v1/drop-profiles?account=1", null);
    assertEquals(200, listed.status(), "operators act on an account with ?account=");
  }

  @Test
  void thePasswordIsShownOnceAndCanBeReplaced() {
    JsonObject created = f.profile(new JsonObject().put("username", "pharmacy").put("mobileColumn", 1)
        .put("hasHeader", false).put("template", "Your prescription is ready"));
    String password = created.getString("password");
    assertEquals(20, password.length());
    assertEquals("ftp://pharmacy@127.0.0.1:" + f.ftpPort() + "/", created.getJsonObject("ftp").getString("url"));
    JsonObject read = f.asAdmin("GET", "/api/v1/drop-profiles/" + created.getLong("id"), null).json();
    assertFalse(read.containsKey("password"), "never shown again");
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertTrue(ftp.login("pharmacy", password));
    }
    String replaced = f.admin.post("/api/v1/drop-profiles/" + created.getLong("id") + "/password", "").json()
        .getString("password");
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertFalse(ftp.login("pharmacy", password), "the old password no longer works");
    }
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertTrue(ftp.login("pharmacy", replaced));
    }
    JsonObject chosen = f.profile(new JsonObject().put("username", "chosen").put("password", "my own secret")
        .put("mobileColumn", 1).put("hasHeader", false).put("template", "x"));
    assertNull(chosen.getString("password"), "a password the admin chose is not echoed");
    assertEquals(204, f.asAdmin("DELETE", "/api/v1/drop-profiles/" + chosen.getLong("id"), null).status());
    assertEquals(404, f.asAdmin("GET", "/api/v1/drop-profiles/" + chosen.getLong("id"), null).status());
  }

  @Test
  void columnsByPositionWhenTheFileHasNoHeaderRow() {
    JsonObject p = f.profile(new JsonObject().put("username", "positions").put("hasHeader", false).put("mobileColumn", 2)
        .put("fields", fields(field(1, "name"))).put("template", "Dear ~name~, your order shipped"));
    JsonObject r = upload(p, "orders.csv", "Ana,+12025550821\nBen,+12025550822\n");
    assertEquals("processed", r.getString("status"));
    assertEquals(2, r.getLong("accepted"));
    f.awaitTexts(List.of("+12025550821", "+12025550822"), 2);
    assertEquals(List.of("Dear Ana, your order shipped"), f.textsTo("+12025550821"));
    assertEquals(List.of("Dear Ben, your order shipped"), f.textsTo("+12025550822"));
  }

  @Test
  void furtherPhoneColumnsAreTriedInOrderAndTheFirstMobileWins() {
    JsonObject p = f.profile(new JsonObject().put("username", "phones").put("mobileColumn", "Mobile")
        .put("phoneColumns", new JsonArray().add("Home").add(3)).put("template", "Hello from the clinic"));
    JsonObject r = upload(p, "phones.csv", "Mobile,Home,Work,Name\n"
        + "+442079460000,+447911123456,,Ana\n"
        + "+442079460001,+442079460002,,Ben\n"
        + "bogus,,,Cy\n"
        + ",,,Dee\n"
        + ",,(202) 555-0811,Ed\n"
        + "+12025550811,,,Ed again\n");
    assertEquals(2, r.getLong("accepted"));
    assertEquals(4, r.getLong("rejected"));
    assertEquals(errors(
        error(3, "column 1 (Mobile)", "+442079460001", "landline: +442079460001 is not a mobile number, so it cannot get"
            + " a text (voice calling is not offered)"),
        error(4, "column 1 (Mobile)", "bogus", "invalid phone number"),
        error(5, "column 1 (Mobile)", null, "phone number is missing"),
        error(7, "column 1 (Mobile)", "+12025550811", "duplicate: +12025550811 is already in this file")),
        r.getJsonArray("errors"));
    f.awaitTexts(List.of("+447911123456", "+12025550811"), 2);
    assertEquals(List.of("Hello from the clinic"), f.textsTo("+447911123456"));
    assertEquals(List.of(), f.textsTo("+442079460000"));
  }

  @Test
  void aKeywordColumnSendsTheKeywordsFirstMessage() {
    Api.Response flu = f.admin.post("/api/v1/keywords", new JsonObject().put("keyword", "FLU")
        .put("messages", new JsonArray().add("Flu shots are in, ~first~!").add("Second message")));
    assertEquals(201, flu.status(), flu.body());
    assertEquals(new JsonArray().add(new JsonObject().put("number", "#001").put("text", "Flu shots are in, ~first~!"))
        .add(new JsonObject().put("number", "#002").put("text", "Second message")), flu.json().getJsonArray("messages"));
    assertEquals(201, f.admin.post("/api/v1/keywords", new JsonObject().put("keyword", "Dental")
        .put("messages", new JsonArray().add("Time for a cleaning, ~first~"))).status());
    Api.Response again = f.admin.post("/api/v1/keywords", new JsonObject().put("keyword", "flu")
        .put("messages", new JsonArray().add("x")));
    assertEquals(409, again.status());
    assertEquals("keyword flu already exists in this account", again.json().getString("error"));
    JsonObject p = f.profile(new JsonObject().put("username", "keywords").put("mobileColumn", "Mobile")
        .put("keywordColumn", "Keyword").put("fields", fields(field("First", "first")))
        .put("template", "A general reminder for ~first~"));
    JsonObject r = upload(p, "keywords.csv", "First,Mobile,Keyword\n"
        + "Ana,+12025550831,FLU\n"
        + "Ben,+12025550832,dental\n"
        + "Cy,+12025550833,SPA\n"
        + "Di,+12025550834,\n");
    assertEquals(3, r.getLong("accepted"));
    assertEquals(errors(error(4, "column 3 (Keyword)", "SPA", "unknown keyword 'SPA'")), r.getJsonArray("errors"));
    f.awaitTexts(List.of("+12025550831", "+12025550832", "+12025550834"), 3);
    assertEquals(List.of("Flu shots are in, Ana!"), f.textsTo("+12025550831"));
    assertEquals(List.of("Time for a cleaning, Ben"), f.textsTo("+12025550832"));
    assertEquals(List.of("A general reminder for Di"), f.textsTo("+12025550834"), "no keyword: the template");
  }

  @Test
  void aMessageColumnGivesEachRowItsOwnTextAndTemplatesFallBack() {
    JsonObject p = f.profile(new JsonObject().put("username", "own").put("hasHeader", false).put("mobileColumn", 2)
        .put("messageColumn", 3).put("fields", fields(field(1, "first")))
        .put("template", "A reminder for ~first|our patient~"));
    JsonObject r = upload(p, "own.csv", "Ana,+12025550841,\"Your own text, Ana\"\n"
        + ",+12025550842,\n"
        + "Cy,+12025550843,\"" + "Long text. ".repeat(150) + "\"\n");
    assertEquals(2, r.getLong("accepted"));
    assertEquals(errors(error(3, "column 3", null, "the message is too long: 11 parts of GSM7, the maximum is 10")),
        r.getJsonArray("errors"));
    f.awaitTexts(List.of("+12025550841", "+12025550842"), 2);
    assertEquals(List.of("Your own text, Ana"), f.textsTo("+12025550841"));
    assertEquals(List.of("A reminder for our patient"), f.textsTo("+12025550842"), "the fallback fills an empty value");
    JsonObject strict = f.profile(new JsonObject().put("username", "strict").put("hasHeader", false).put("mobileColumn", 2)
        .put("fields", fields(field(1, "first"))).put("template", "Hi ~first~"));
    JsonObject s = upload(strict, "strict.csv", "Ana,+12025550844\n,+12025550845\n");
    assertEquals(errors(error(2, "column 1", null, "no value for ~first~, and it has no fallback")),
        s.getJsonArray("errors"));
    JsonObject only = f.profile(new JsonObject().put("username", "onlyown").put("hasHeader", false).put("mobileColumn", 1)
        .put("messageColumn", 2));
    JsonObject o = upload(only, "only.csv", "+12025550846,Text A\n+12025550847,\n");
    assertEquals(errors(error(2, "column 2", null, "the message is empty")), o.getJsonArray("errors"));
  }

  @Test
  void customFieldsAreSavedToTheContactWithTheRowsNumber() {
    Api.Response field = f.admin.post("/api/v1/fields", new JsonObject().put("key", "balance").put("label", "Balance")
        .put("type", "number"));
    assertEquals(201, field.status(), field.body());
    assertEquals(201, f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550851").put("lastName", "Doe"))
        .status());
    JsonObject p = f.profile(new JsonObject().put("username", "billing").put("mobileColumn", "Mobile")
        .put("fields", fields(field("First", "first").put("contactField", "firstName"),
            field("Balance", "balance").put("contactField", "balance"), field("Note", "note")))
        .put("template", "Hi ~first~, your balance is $~balance~"));
    JsonObject r = upload(p, "billing.csv", "First,Mobile,Balance,Note\n"
        + "Ana,+12025550851,12.50,kept in the text only\n"
        + "Ben,+12025550852,abc,\n"
        + "Cy,+12025550853,7,\n");
    assertEquals(errors(error(3, "column 3 (Balance)", "abc", "cannot be saved to contact field balance: abc is not a number")),
        r.getJsonArray("errors"));
    assertEquals("Ana Doe 12.5", f.db.queryText("SELECT first_name || ' ' || last_name || ' ' || (fields->>'balance')"
        + " FROM contacts WHERE phone = '+12025550851'"), "an existing contact is updated, its other fields kept");
    assertEquals("Cy 7", f.db.queryText("SELECT first_name || ' ' || (fields->>'balance') FROM contacts"
        + " WHERE phone = '+12025550853'"), "a new contact is created");
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM contacts WHERE phone = '+12025550852'"));
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM contacts WHERE fields ? 'note'"));
    f.awaitTexts(List.of("+12025550851"), 1);
    assertEquals(List.of("Hi Ana, your balance is $12.50"), f.textsTo("+12025550851"));
  }

  @Test
  void aDeliveryTimeColumnIsReadInItsFormatAndTimeZone() {
    JsonObject p = f.profile(new JsonObject().put("username", "appointments").put("mobileColumn", "Mobile")
        .put("sendAtColumn", "When").put("sendAtFormat", "M/d/yyyy h:mm a").put("timeZone", "America/New_York")
        .put("timeZoneColumn", "Zone").put("template", "See you at your appointment"));
    JsonObject r = upload(p, "times.csv", "Mobile,When,Zone\n"
        + "+12025550861,12/1/2099 9:00 AM,\n"
        + "+12025550862,12/1/2099 9:00 AM,America/Los_Angeles\n"
        + "+12025550863,,\n"
        + "+12025550864,1/2/2020 8:00 am,\n"
        + "+12025550865,tomorrow,\n"
        + "+12025550866,12/1/2099 9:00 AM,Mars/Base\n");
    assertEquals(errors(
        error(6, "column 2 (When)", "tomorrow", "not a date and time in the format M/d/yyyy h:mm a (like 3/14/2026 9:30 AM)"),
        error(7, "column 3 (Zone)", "Mars/Base", "not a time zone: use an IANA name like America/New_York")),
        r.getJsonArray("errors"));
    assertEquals("2099-12-01T14:00:00Z", notBefore("+12025550861"), "9:00 in New York, the profile's zone");
    assertEquals("2099-12-01T17:00:00Z", notBefore("+12025550862"), "9:00 in the row's own zone");
    assertEquals("America/Los_Angeles", f.db.queryText("SELECT time_zone FROM messages WHERE recipient = '+12025550862'"));
    f.awaitTexts(List.of("+12025550863", "+12025550864"), 2);
    assertEquals(List.of("See you at your appointment"), f.textsTo("+12025550864"), "a time in the past means now");
    Api.sleep(300);
    assertEquals(List.of(), f.textsTo("+12025550861"), "a time to come waits");
  }

  private static String notBefore(String to) {
    return f.db.queryText("SELECT to_char(not_before AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM messages"
        + " WHERE recipient = '" + to + "'");
  }

  @Test
  void theSenderAndTheConversationLockAreTheProfiles() {
    assertEquals(201, f.admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550999")).status());
    JsonObject locked = f.profile(new JsonObject().put("username", "locked").put("hasHeader", false).put("mobileColumn", 1)
        .put("from", "+12025550999").put("conversationLock", true).put("template", "Reply to this number"));
    assertEquals("+12025550999", locked.getString("from"));
    assertTrue(locked.getBoolean("conversationLock"));
    assertEquals("processed", upload(locked, "locked.csv", "+12025550871\n+12025550872\n").getString("status"));
    JsonObject open = f.profile(new JsonObject().put("username", "unlocked").put("hasHeader", false).put("mobileColumn", 1)
        .put("template", "No lock"));
    assertEquals("processed", upload(open, "open.csv", "+12025550873\n").getString("status"));
    assertEquals(2, f.db.queryLong("SELECT count(*) FROM conversation_locks WHERE sender = '+12025550999'"
        + " AND account_id = 1 AND recipient IN ('+12025550871', '+12025550872')"));
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM conversation_locks WHERE recipient = '+12025550873'"));
    f.awaitTexts(List.of("+12025550871"), 1);
    assertTrue(f.smsc.submits().stream().filter(s -> s.destination().equals("12025550871"))
        .allMatch(s -> s.source().equals("12025550999")), "sent from the profile's sender");
    assertEquals("bulk", f.db.queryText("SELECT DISTINCT lane FROM messages WHERE recipient = '+12025550871'"));
  }

  @Test
  void aNumberThatOptedOutIsNotSent() {
    assertEquals(201, f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550881")).status());
    JsonObject p = f.profile(new JsonObject().put("username", "optouts").put("hasHeader", false).put("mobileColumn", 1)
        .put("template", "News"));
    JsonObject r = upload(p, "news.csv", "+12025550881\n+12025550882\n");
    assertEquals(1, r.getLong("accepted"));
    assertEquals(errors(error(1, "phone number", "+12025550881", "the number opted out")), r.getJsonArray("errors"));
    JsonObject all = upload(p, "only-opted-out.csv", "+12025550881\n");
    assertEquals("error", all.getString("status"));
    assertEquals("no valid row: the only row was rejected (see the result file)", all.getString("reason"));
    f.awaitTexts(List.of("+12025550882"), 1);
    assertEquals(List.of(), f.textsTo("+12025550881"));
  }

  @Test
  void theFormPreviewsHowSendTimesReadWithAFormatAsTheDropReadsThem() {
    Api.Response r = f.admin.post("/api/v1/drop-profiles/send-at-preview", new JsonObject().put("format", "d/M/yyyy H:mm")
        .put("samples", new JsonArray().add("31/12/2026 14:30").add(" 1/2/2027 9:05 ").add("12/31/2026 2:30 PM").add("31/12/2026")));
    assertEquals(200, r.status(), r.body());
    assertEquals(new JsonObject().put("format", "d/M/yyyy H:mm").put("example", "14/3/2026 9:30").put("samples", new JsonArray()
        .add(new JsonObject().put("value", "31/12/2026 14:30").put("reads", "2026-12-31T14:30").putNull("error"))
        .add(new JsonObject().put("value", " 1/2/2027 9:05 ").put("reads", "2027-02-01T09:05").putNull("error"))
        .add(new JsonObject().put("value", "12/31/2026 2:30 PM").putNull("reads")
            .put("error", "not a date and time in the format d/M/yyyy H:mm (like 14/3/2026 9:30)"))
        .add(new JsonObject().put("value", "31/12/2026").putNull("reads")
            .put("error", "not a date and time in the format d/M/yyyy H:mm (like 14/3/2026 9:30)"))), r.json());
    JsonArray dateOnly = f.admin.post("/api/v1/drop-profiles/send-at-preview", new JsonObject().put("format", "yyyy-MM-dd")
        .put("samples", new JsonArray().add("2026-12-31"))).json().getJsonArray("samples");
    assertEquals("2026-12-31T00:00", dateOnly.getJsonObject(0).getString("reads"), "a date alone means midnight");
    Api.Response bad = f.admin.post("/api/v1/drop-profiles/send-at-preview", new JsonObject().put("format", "HH:mm"));
    assertEquals(400, bad.status());
    assertEquals("sendAtFormat must hold at least a year, a month and a day (like yyyy-MM-dd HH:mm)", bad.json().getString("error"));
    Api.Response many = f.admin.post("/api/v1/drop-profiles/send-at-preview", new JsonObject().put("format", "yyyy-MM-dd")
        .put("samples", new JsonArray(java.util.Collections.nCopies(21, "2026-01-01"))));
    assertEquals(400, many.status());
    assertEquals("samples", many.json().getString("field"));
  }
}
