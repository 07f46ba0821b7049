package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Static groups and their members, dynamic groups computed from fields, counts, merging. */
class GroupsApiTest {
  static ContactsFixture f;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "clinic").put("label", "Clinic").put("type", "text"));
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "last_visit").put("label", "Last visit").put("type", "date"));
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "age").put("label", "Age").put("type", "number"));
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "insured").put("label", "Insured").put("type", "boolean"));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static long contact(JsonObject c) {
    Calls.Reply r = f.admin.post("/api/v1/contacts", c);
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static JsonObject group(JsonObject g) {
    Calls.Reply r = f.user.post("/api/v1/groups", g);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  private static JsonObject when(String field, String op, Object value) {
    JsonObject c = new JsonObject().put("field", field).put("op", op);
    return value == null ? c : c.put("value", value);
  }

  @Test
  void aStaticGroupShowsItsActiveContactsCreatedTimeAndType() {
    long a = contact(new JsonObject().put("firstName", "Ann").put("phone", "+12025550141"));
    long b = contact(new JsonObject().put("firstName", "Ben").put("phone", "+12025550142"));
    long c = contact(new JsonObject().put("firstName", "Cy").put("email", "cy@example.com"));
    JsonObject g = group(new JsonObject().put("name", "Morning patients").put("category", "Clinic A")
        .put("contacts", new JsonArray().add(a).add(b)));
    assertEquals("static", g.getString("type"));
    assertEquals("Clinic A", g.getString("category"));
    assertEquals(2, g.getLong("contacts"));
    assertEquals(2, g.getLong("activeContacts"));
    assertNotNull(g.getString("createdAt"));
    String path = "/api/v1/groups/" + g.getLong("id");

    assertEquals(1, f.user.post(path + "/members", new JsonObject().put("contacts", new JsonArray().add(c).add(a)))
        .json().getInteger("added"));
    f.admin.put("/api/v1/contacts/" + b + "/details/phone", new JsonObject().put("status", "opted-out"));
    JsonObject after = f.user.get(path).json();
    assertEquals(3, after.getLong("contacts"));
    assertEquals(2, after.getLong("activeContacts"), "Ben opted out");

    assertEquals(1, f.user.post(path + "/members/remove", new JsonObject().put("contacts", new JsonArray().add(c)))
        .json().getInteger("removed"));
    assertEquals(List.of("Ann", "Ben"), ContactsApiTest.names(f.user.get(path + "/contacts?sort=firstName")));
    assertEquals(List.of("Ann", "Ben"), ContactsApiTest.names(f.user.get("/api/v1/contacts?group=" + g.getLong("id")
        + "&sort=firstName")));
    JsonArray groupsOfAnn = f.admin.get("/api/v1/contacts/" + a).json().getJsonArray("groups");
    assertEquals(new JsonArray().add(new JsonObject().put("id", g.getLong("id")).put("name", "Morning patients")), groupsOfAnn);
  }

  @Test
  void membersMustBeTheAccountsContacts() {
    long mine = contact(new JsonObject().put("phone", "+12025550143"));
    long theirs = f.other.post("/api/v1/contacts", new JsonObject().put("phone", "07911 123457")).json().getLong("id");
    JsonObject g = group(new JsonObject().put("name", "Careful"));
    Calls.Reply r = f.admin.post("/api/v1/groups/" + g.getLong("id") + "/members",
        new JsonObject().put("contacts", new JsonArray().add(mine).add(theirs)));
    assertEquals(404, r.status());
    assertEquals("contact " + theirs + " not found", r.error());
    assertEquals(0, f.admin.get("/api/v1/groups/" + g.getLong("id")).json().getLong("contacts"), "none added");
    assertEquals(404, f.other.get("/api/v1/groups/" + g.getLong("id")).status());
    assertEquals("group not found", f.other.get("/api/v1/groups/" + g.getLong("id")).error());
    Calls.Reply dup = f.admin.post("/api/v1/groups", new JsonObject().put("name", "careful"));
    assertEquals(409, dup.status());
    assertEquals("a group named 'careful' already exists", dup.error());
  }

  @Test
  void aDynamicGroupsMembersFollowFieldChanges() {
    long north = contact(new JsonObject().put("firstName", "North").put("phone", "+12025550151")
        .put("fields", new JsonObject().put("clinic", "Northside").put("last_visit", "2024-01-10").put("age", 70)));
    long south = contact(new JsonObject().put("firstName", "South").put("phone", "+12025550152")
        .put("fields", new JsonObject().put("clinic", "Southside").put("last_visit", "2024-06-01").put("age", 30)));
    JsonObject g = group(new JsonObject().put("name", "Northside overdue").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("clinic", "contains", "north"))
            .add(when("last_visit", "before", "2024-03-01"))));
    assertEquals("dynamic", g.getString("type"));
    assertEquals(1, g.getLong("contacts"));
    String members = "/api/v1/groups/" + g.getLong("id") + "/contacts";
    assertEquals(List.of("North"), ContactsApiTest.names(f.admin.get(members)));

    // South moves to the north clinic and has not been seen since January
    f.admin.put("/api/v1/contacts/" + south, new JsonObject().put("fields",
        new JsonObject().put("clinic", "Northside").put("last_visit", "2024-01-20")));
    assertEquals(List.of("North", "South"), ContactsApiTest.names(f.admin.get(members + "?sort=firstName")));
    // North comes in: no longer overdue
    f.admin.put("/api/v1/contacts/" + north, new JsonObject().put("fields", new JsonObject().put("last_visit", "2024-05-05")));
    assertEquals(List.of("South"), ContactsApiTest.names(f.admin.get(members)));
    assertEquals(1, f.admin.get("/api/v1/groups/" + g.getLong("id")).json().getLong("activeContacts"));

    JsonObject older = group(new JsonObject().put("name", "Over 65, insured unknown").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("age", "greater_than", "65")).add(when("insured", "is_empty", null))));
    assertEquals(List.of("North"), ContactsApiTest.names(f.admin.get("/api/v1/groups/" + older.getLong("id") + "/contacts")));
    f.admin.put("/api/v1/contacts/" + north, new JsonObject().put("fields", new JsonObject().put("insured", "yes")));
    assertEquals(0, f.admin.get("/api/v1/groups/" + older.getLong("id")).json().getLong("contacts"));

    JsonObject byPhone = group(new JsonObject().put("name", "One number").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("phone", "equals", "(202) 555-0152"))));
    assertEquals("+12025550152", byPhone.getJsonArray("conditions").getJsonObject(0).getString("value"));
    assertEquals(List.of("South"), ContactsApiTest.names(f.admin.get("/api/v1/groups/" + byPhone.getLong("id") + "/contacts")));
  }

  @Test
  void badConditionsAreRefusedSayingWhy() {
    Calls.Reply noField = f.admin.post("/api/v1/groups", new JsonObject().put("name", "x").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("shoe", "equals", "9"))));
    assertEquals(400, noField.status());
    assertEquals("no field 'shoe'", noField.error());
    assertEquals("conditions[0].field", noField.json().getString("field"));
    Calls.Reply badOp = f.admin.post("/api/v1/groups", new JsonObject().put("name", "x").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("last_visit", "contains", "2024"))));
    assertEquals("op for a date field must be one of equals, before, after, is_empty, is_not_empty", badOp.error());
    Calls.Reply badValue = f.admin.post("/api/v1/groups", new JsonObject().put("name", "x").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("last_visit", "after", "last tuesday"))));
    assertEquals("'last tuesday' is not a date written YYYY-MM-DD", badValue.error());
    assertEquals("conditions[0].value", badValue.json().getString("field"));
    JsonObject dynamic = group(new JsonObject().put("name", "Everyone with a phone").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("phone", "is_not_empty", null))));
    Calls.Reply add = f.admin.post("/api/v1/groups/" + dynamic.getLong("id") + "/members",
        new JsonObject().put("contacts", new JsonArray().add(1)));
    assertEquals(400, add.status());
    assertEquals("group 'Everyone with a phone' is dynamic: its members come from its conditions", add.error());
  }

  @Test
  void mergingPutsTheMembersOfOneGroupIntoTheOther() {
    long a = contact(new JsonObject().put("firstName", "Merge A").put("phone", "+12025550161"));
    long b = contact(new JsonObject().put("firstName", "Merge B").put("phone", "+12025550162"));
    long c = contact(new JsonObject().put("firstName", "Merge C").put("phone", "+12025550163")
        .put("fields", new JsonObject().put("clinic", "Merged clinic")));
    JsonObject target = group(new JsonObject().put("name", "Merge target").put("contacts", new JsonArray().add(a)));
    JsonObject source = group(new JsonObject().put("name", "Merge source").put("contacts", new JsonArray().add(a).add(b)));
    Calls.Reply merged = f.admin.post("/api/v1/groups/" + target.getLong("id") + "/merge",
        new JsonObject().put("group", source.getLong("id")));
    assertEquals(200, merged.status(), merged.body());
    assertEquals(1, merged.json().getInteger("added"));
    assertEquals(2, merged.json().getLong("contacts"));
    assertEquals(404, f.admin.get("/api/v1/groups/" + source.getLong("id")).status(), "the source is gone");

    JsonObject dynamic = group(new JsonObject().put("name", "Merged clinic patients").put("type", "dynamic")
        .put("conditions", new JsonArray().add(when("clinic", "equals", "merged clinic"))));
    Calls.Reply fromDynamic = f.admin.post("/api/v1/groups/" + target.getLong("id") + "/merge",
        new JsonObject().put("group", dynamic.getLong("id")).put("keepSource", true));
    assertEquals(3, fromDynamic.json().getLong("contacts"));
    assertEquals(200, f.admin.get("/api/v1/groups/" + dynamic.getLong("id")).status(), "kept");
    assertEquals(List.of("Merge A", "Merge B", "Merge C"),
        ContactsApiTest.names(f.admin.get("/api/v1/groups/" + target.getLong("id") + "/contacts?sort=firstName")));

    Calls.Reply intoDynamic = f.admin.post("/api/v1/groups/" + dynamic.getLong("id") + "/merge",
        new JsonObject().put("group", target.getLong("id")));
    assertEquals(400, intoDynamic.status());
    assertTrue(intoDynamic.error().startsWith("group 'Merged clinic patients' is dynamic"), intoDynamic.error());
    Calls.Reply missing = f.admin.post("/api/v1/groups/" + target.getLong("id") + "/merge",
        new JsonObject().put("group", 999999));
    assertEquals(404, missing.status());
    assertEquals("group 999999 not found", missing.error());
  }
}
