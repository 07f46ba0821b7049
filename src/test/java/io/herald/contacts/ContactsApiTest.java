package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contacts one at a time: create, read, update, delete, search, sort, page, and who may do what. */
class ContactsApiTest {
  static ContactsFixture f;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
    assertEquals(201, f.admin.post("/api/v1/fields", new JsonObject().put("key", "visits").put("label", "Visits")
        .put("type", "number")).status());
    assertEquals(201, f.admin.post("/api/v1/fields", new JsonObject().put("key", "next_visit").put("label", "Next visit")
        .put("type", "date")).status());
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static JsonObject create(JsonObject contact) {
    Calls.Reply r = f.admin.post("/api/v1/contacts", contact);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  @Test
  void aContactIsCreatedWithItsPhoneInE164AndReadBack() {
    JsonObject created = create(new JsonObject().put("firstName", "Ada").put("lastName", "Lovelace")
        .put("phone", "(202) 555-0101").put("email", " Ada@Example.COM ").put("timeZone", "America/New_York")
        .put("fields", new JsonObject().put("visits", "3").put("next_visit", "2030-05-01")));
    assertEquals("+12025550101", created.getString("phone"));
    assertEquals("ada@example.com", created.getString("email"));
    assertEquals(new JsonArray()
            .add(new JsonObject().put("kind", "phone").put("address", "+12025550101").put("status", "active"))
            .add(new JsonObject().put("kind", "email").put("address", "ada@example.com").put("status", "active")),
        created.getJsonArray("details"));
    assertTrue(created.getBoolean("active"));
    assertEquals(3, created.getJsonObject("fields").getInteger("visits"));
    assertEquals("2030-05-01", created.getJsonObject("fields").getString("next_visit"));
    Calls.Reply read = f.admin.get("/api/v1/contacts/" + created.getLong("id"));
    assertEquals(200, read.status());
    assertEquals(created, read.json());
  }

  @Test
  void aContactsGroupsAreSetWhenItIsCreatedAndWhenItIsEdited() {
    long staff = f.admin.post("/api/v1/groups", new JsonObject().put("name", "Staff")).json().getLong("id");
    long parents = f.admin.post("/api/v1/groups", new JsonObject().put("name", "Parents")).json().getLong("id");
    JsonObject created = create(new JsonObject().put("phone", "+12025550141").put("groups", new JsonArray().add(staff)));
    assertEquals(List.of(staff), groupIds(created));
    Calls.Reply edited = f.admin.put("/api/v1/contacts/" + created.getLong("id"),
        new JsonObject().put("groups", new JsonArray().add(parents).add(staff)));
    assertEquals(200, edited.status(), edited.body());
    assertEquals(java.util.Set.of(parents, staff), java.util.Set.copyOf(groupIds(edited.json())));
    assertEquals(List.of(), groupIds(f.admin.put("/api/v1/contacts/" + created.getLong("id"),
        new JsonObject().put("groups", new JsonArray())).json()));

    Calls.Reply unknown = f.admin.put("/api/v1/contacts/" + created.getLong("id"),
        new JsonObject().put("groups", new JsonArray().add(987654)));
    assertEquals(404, unknown.status());
    assertEquals("group 987654 not found", unknown.error());
    Calls.Reply notIds = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550142")
        .put("groups", new JsonArray().add("Staff")));
    assertEquals(400, notIds.status());
    assertEquals("groups must be a list of group ids", notIds.error());
  }

  private static List<Long> groupIds(JsonObject contact) {
    return contact.getJsonArray("groups").stream().map(g -> g instanceof JsonObject o ? o.getLong("id") : ((Number) g).longValue())
        .toList();
  }

  @Test
  void aContactNeedsAtLeastOneValidDetail() {
    Calls.Reply none = f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Nobody"));
    assertEquals(400, none.status());
    assertEquals("a contact needs at least one valid detail: a phone number or an e-mail address", none.error());

    Calls.Reply badPhone = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "12ab"));
    assertEquals(400, badPhone.status());
    assertEquals("'12ab' is not a valid phone number", badPhone.error());
    assertEquals("phone", badPhone.json().getString("field"));
    assertEquals("12ab", badPhone.json().getString("value"));

    Calls.Reply badEmail = f.admin.post("/api/v1/contacts", new JsonObject().put("email", "not-an-address"));
    assertEquals("'not-an-address' is not a valid e-mail address", badEmail.error());

    Calls.Reply badField = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550199")
        .put("fields", new JsonObject().put("visits", "many")));
    assertEquals(400, badField.status());
    assertEquals("'many' is not a number", badField.error());
    assertEquals("fields.visits", badField.json().getString("field"));

    Calls.Reply unknown = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550199")
        .put("fields", new JsonObject().put("shoe_size", "9")));
    assertEquals("no custom field 'shoe_size'", unknown.error());

    Calls.Reply zone = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550199")
        .put("timeZone", "Mars/Olympus"));
    assertEquals("'Mars/Olympus' is not a time zone (an IANA name such as Europe/London)", zone.error());
  }

  @Test
  void aPhoneOrEmailBelongsToOneContact() {
    JsonObject first = create(new JsonObject().put("phone", "+12025550102"));
    Calls.Reply again = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "202-555-0102"));
    assertEquals(409, again.status());
    assertEquals("phone number +12025550102 belongs to contact " + first.getLong("id"), again.error());
    assertEquals(first.getLong("id"), again.json().getLong("contactId"));
  }

  @Test
  void anUpdateChangesWhatItNamesAndCannotRemoveTheLastDetail() {
    JsonObject c = create(new JsonObject().put("firstName", "Grace").put("phone", "+12025550103")
        .put("fields", new JsonObject().put("visits", 1)));
    String path = "/api/v1/contacts/" + c.getLong("id");
    Calls.Reply updated = f.admin.put(path, new JsonObject().put("lastName", "Hopper").put("email", "grace@navy.example")
        .put("fields", new JsonObject().put("visits", 2)));
    assertEquals(200, updated.status(), updated.body());
    assertEquals("Grace", updated.json().getString("firstName"));
    assertEquals("Hopper", updated.json().getString("lastName"));
    assertEquals("grace@navy.example", updated.json().getString("email"));
    assertEquals(2, updated.json().getJsonObject("fields").getInteger("visits"));

    Calls.Reply cleared = f.admin.put(path, new JsonObject().putNull("email").put("fields", new JsonObject().putNull("visits")));
    assertEquals(200, cleared.status());
    assertEquals(null, cleared.json().getString("email"));
    assertFalse(cleared.json().getJsonObject("fields").containsKey("visits"));

    Calls.Reply last = f.admin.put(path, new JsonObject().putNull("phone"));
    assertEquals(400, last.status());
    assertEquals("a contact needs at least one valid detail: a phone number or an e-mail address", last.error());
  }

  @Test
  void aDeletedContactIsGone() {
    JsonObject c = create(new JsonObject().put("phone", "+12025550104"));
    assertEquals(204, f.admin.delete("/api/v1/contacts/" + c.getLong("id")).status());
    Calls.Reply gone = f.admin.get("/api/v1/contacts/" + c.getLong("id"));
    assertEquals(404, gone.status());
    assertEquals("contact not found", gone.error());
    assertEquals(404, f.admin.delete("/api/v1/contacts/" + c.getLong("id")).status());
  }

  @Test
  void searchFindsNamesPhonesEmailsAndFieldValues() {
    create(new JsonObject().put("firstName", "Zebedee").put("lastName", "Quill").put("phone", "+12025550111"));
    create(new JsonObject().put("firstName", "Yolanda").put("email", "yolanda@quillfeather.example"));
    create(new JsonObject().put("firstName", "Xavier").put("phone", "+12025550112")
        .put("fields", new JsonObject().put("next_visit", "2031-02-03")));
    assertEquals(List.of("Zebedee", "Yolanda"), names(f.admin.get("/api/v1/contacts?q=quill&sort=firstName&order=desc")));
    assertEquals(List.of("Zebedee"), names(f.admin.get("/api/v1/contacts?q=555-0111")));
    assertEquals(List.of("Xavier"), names(f.admin.get("/api/v1/contacts?q=2031-02")));
  }

  @Test
  void listsSortByAnyColumnAndPage() {
    for (int i = 0; i < 5; i++) {
      create(new JsonObject().put("firstName", "Pager" + i).put("phone", "+1202555012" + i)
          .put("fields", new JsonObject().put("visits", 10 - i * 3)));
    }
    Calls.Reply page = f.admin.get("/api/v1/contacts?q=pager&sort=visits&order=asc&page=2&pageSize=2");
    assertEquals(200, page.status(), page.body());
    assertEquals(5, page.json().getLong("total"));
    assertEquals(2, page.json().getInteger("page"));
    // visits 10, 7, 4, 1, -2 for Pager0..4; ascending numerically: Pager4, Pager3 | Pager2, Pager1 | Pager0
    assertEquals(List.of("Pager2", "Pager1"), names(page));
    assertEquals(List.of("Pager0"), names(f.admin.get("/api/v1/contacts?q=pager&sort=visits&page=3&pageSize=2")));
    assertEquals(List.of(), names(f.admin.get("/api/v1/contacts?q=pager&sort=visits&page=9&pageSize=2")));
    assertEquals(5, f.admin.get("/api/v1/contacts?q=pager&page=9&pageSize=2").json().getLong("total"));

    Calls.Reply badSort = f.admin.get("/api/v1/contacts?sort=shoeSize");
    assertEquals(400, badSort.status());
    assertEquals("sort must be one of id, updatedAt, firstName, lastName, phone, email, timeZone, language, visits, "
        + "next_visit, createdAt", badSort.error());
    assertEquals("shoeSize", badSort.json().getString("value"));
    assertEquals("pageSize must be a whole number from 1 to 1000", f.admin.get("/api/v1/contacts?pageSize=0").error());
  }

  @Test
  void anotherAccountsContactIsNotFound() {
    JsonObject mine = create(new JsonObject().put("phone", "+12025550105"));
    String path = "/api/v1/contacts/" + mine.getLong("id");
    assertEquals(404, f.other.get(path).status());
    assertEquals("contact not found", f.other.get(path).error());
    assertEquals(404, f.other.put(path, new JsonObject().put("firstName", "Mallory")).status());
    assertEquals(404, f.other.delete(path).status());
    assertEquals(0, f.other.get("/api/v1/contacts").json().getLong("total"));
    // numbers are read in each account's own region
    Calls.Reply theirs = f.other.post("/api/v1/contacts", new JsonObject().put("phone", "07911 123456"));
    assertEquals("+447911123456", theirs.json().getString("phone"));
  }

  @Test
  void operatorsNameTheAccountAndUsersMayEditContacts() {
    JsonObject c = create(new JsonObject().put("phone", "+12025550106"));
    Calls.Reply withoutAccount = f.operator.get("/api/v1/contacts");
    assertEquals(400, withoutAccount.status());
    assertEquals("operators name the account with ?account=ID", withoutAccount.error());
    assertEquals(200, f.operator.get("/api/v1/contacts/" + c.getLong("id") + "?account=" + f.accountId).status());
    assertEquals(404, f.operator.get("/api/v1/contacts/" + c.getLong("id") + "?account=" + f.otherAccountId).status());
    assertEquals("account 987654 not found", f.operator.get("/api/v1/contacts?account=987654").error());

    Calls.Reply byUser = f.user.put("/api/v1/contacts/" + c.getLong("id"), new JsonObject().put("firstName", "Edited"));
    assertEquals(200, byUser.status());
    assertEquals("Edited", byUser.json().getString("firstName"));
  }

  @Test
  void aDetailsStatusIsItsSuppression() {
    JsonObject c = create(new JsonObject().put("phone", "+12025550107").put("email", "status@example.com"));
    String path = "/api/v1/contacts/" + c.getLong("id") + "/details/phone";
    Calls.Reply out = f.user.put(path, new JsonObject().put("status", "opted-out").put("reason", "asked on the phone"));
    assertEquals(200, out.status(), out.body());
    assertEquals("opted-out", out.json().getJsonArray("details").getJsonObject(0).getString("status"));
    assertTrue(out.json().getBoolean("active"), "the e-mail is still active");
    assertEquals("manual", f.db.queryText("SELECT source FROM suppressions WHERE address = '+12025550107'"));
    assertEquals(f.USER_EMAIL, f.db.queryText("SELECT actor FROM suppression_events WHERE address = '+12025550107'"));

    Calls.Reply back = f.admin.put(path, new JsonObject().put("status", "active"));
    assertEquals("active", back.json().getJsonArray("details").getJsonObject(0).getString("status"));
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM suppressions WHERE address = '+12025550107'"));

    Calls.Reply bad = f.admin.put(path, new JsonObject().put("status", "paused"));
    assertEquals("status must be active or opted-out", bad.error());
    JsonObject phoneOnly = create(new JsonObject().put("phone", "+12025550108"));
    Calls.Reply noEmail = f.admin.put("/api/v1/contacts/" + phoneOnly.getLong("id") + "/details/email",
        new JsonObject().put("status", "opted-out"));
    assertEquals(404, noEmail.status());
    assertEquals("contact " + phoneOnly.getLong("id") + " has no e-mail address", noEmail.error());
  }

  static List<String> names(Calls.Reply list) {
    assertEquals(200, list.status(), list.body());
    return list.array("contacts").stream().map(c -> ((JsonObject) c).getString("firstName")).toList();
  }
}
