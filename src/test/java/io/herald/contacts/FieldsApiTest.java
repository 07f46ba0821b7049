package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Default fields, up to 20 custom fields, and who may change them. */
class FieldsApiTest {
  static ContactsFixture f;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static JsonObject field(String key, String type) {
    return new JsonObject().put("key", key).put("label", key.replace('_', ' ')).put("type", type);
  }

  @Test
  void everyAccountHasTheDefaultFields() {
    Calls.Reply r = f.other.get("/api/v1/fields");
    assertEquals(200, r.status());
    assertEquals(List.of("firstName", "lastName", "phone", "email", "timeZone", "language"),
        r.array("fields").stream().map(x -> ((JsonObject) x).getString("key")).toList());
    assertEquals(new JsonObject().put("key", "phone").put("label", "Phone").put("type", "phone").put("default", true),
        r.array("fields").getJsonObject(2));
    assertEquals(0, r.json().getInteger("custom"));
    assertEquals(20, r.json().getInteger("maxCustom"));
  }

  @Test
  void twentyCustomFieldsAndNotOneMore() {
    String[] types = {"text", "number", "date", "boolean"};
    for (int i = 1; i <= 20; i++) {
      Calls.Reply r = f.other.post("/api/v1/fields", field("custom_" + i, types[i % 4]));
      assertEquals(201, r.status(), r.body());
    }
    Calls.Reply twentyFirst = f.other.post("/api/v1/fields", field("custom_21", "text"));
    assertEquals(400, twentyFirst.status());
    assertEquals("an account has at most 20 custom fields; delete one to add another", twentyFirst.error());
    assertEquals(26, f.other.get("/api/v1/fields").array("fields").size());
    // another account's limit is its own
    assertEquals(201, f.admin.post("/api/v1/fields", field("custom_21", "text")).status());
  }

  @Test
  void badFieldsAreRefusedSayingWhy() {
    Calls.Reply key = f.admin.post("/api/v1/fields", field("Shoe Size", "number"));
    assertEquals(400, key.status());
    assertEquals("key must be 1 to 40 letters or digits in camelCase like apptDate, starting with a lower-case letter", key.error());
    assertEquals("Shoe Size", key.json().getString("value"));
    assertEquals("'first_name' is a default field", f.admin.post("/api/v1/fields", field("first_name", "text")).error());
    Calls.Reply type = f.admin.post("/api/v1/fields", field("height", "float"));
    assertEquals("type must be one of text, number, date, boolean, phone", type.error());
    assertEquals("float", type.json().getString("value"));
    assertEquals(201, f.admin.post("/api/v1/fields", field("allergy", "text")).status());
    Calls.Reply twice = f.admin.post("/api/v1/fields", field("allergy", "text"));
    assertEquals(409, twice.status());
    assertEquals("a field with key 'allergy' already exists", twice.error());
  }

  @Test
  void camelCaseKeysLikeTheDefaultFieldsAreTaken() {
    Calls.Reply made = f.admin.post("/api/v1/fields", new JsonObject().put("key", "apptDate").put("label", "Appointment")
        .put("type", "date"));
    assertEquals(201, made.status(), made.body());
    assertEquals("apptDate", made.json().getString("key"));
    Calls.Reply contact = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550161")
        .put("fields", new JsonObject().put("apptDate", "2030-05-01")));
    assertEquals(201, contact.status(), contact.body());
    assertEquals("2030-05-01", f.admin.get("/api/v1/contacts/" + contact.json().getLong("id")).json()
        .getJsonObject("fields").getString("apptDate"));
    Calls.Reply caseTwin = f.admin.post("/api/v1/fields", field("apptdate", "text"));
    assertEquals(409, caseTwin.status());
    assertEquals("a field with key 'apptdate' already exists", caseTwin.error());
    assertEquals("'lastName' is a default field", f.admin.post("/api/v1/fields", field("lastName", "text")).error());
    for (String bad : List.of("ApptDate", "2fast", "appt-date", "appt date")) {
      Calls.Reply refused = f.admin.post("/api/v1/fields", field(bad, "text"));
      assertEquals(400, refused.status(), bad);
      assertEquals("key must be 1 to 40 letters or digits in camelCase like apptDate, starting with a lower-case letter",
          refused.error(), bad);
      assertEquals(bad, refused.json().getString("value"));
    }
  }

  @Test
  void onlyAdminsChangeFields() {
    Calls.Reply byUser = f.user.post("/api/v1/fields", field("insurer", "text"));
    assertEquals(403, byUser.status());
    assertEquals("only account admins may do this", byUser.error());
    assertEquals(200, f.user.get("/api/v1/fields").status());
    assertEquals(201, f.operator.post("/api/v1/fields?account=" + f.accountId, field("insurer", "text")).status());
    assertEquals(403, f.user.delete("/api/v1/fields/insurer").status());
  }

  @Test
  void aFieldIsRenamedAndDeletedWithItsValues() {
    assertEquals(201, f.admin.post("/api/v1/fields", field("locker", "number")).status());
    Calls.Reply renamed = f.admin.put("/api/v1/fields/locker", new JsonObject().put("label", "Locker number"));
    assertEquals(200, renamed.status());
    assertEquals("Locker number", renamed.json().getString("label"));
    assertEquals("a field's key and type cannot change; make a new field instead",
        f.admin.put("/api/v1/fields/locker", new JsonObject().put("type", "text")).error());
    long contact = f.admin.post("/api/v1/contacts", new JsonObject().put("phone", "+12025550131")
        .put("fields", new JsonObject().put("locker", 12))).json().getLong("id");

    assertEquals(201, f.admin.post("/api/v1/groups", new JsonObject().put("name", "Lockers").put("type", "dynamic")
        .put("conditions", new JsonArray().add(new JsonObject().put("field", "locker").put("op", "is_not_empty"))))
        .status());
    Calls.Reply used = f.admin.delete("/api/v1/fields/locker");
    assertEquals(409, used.status());
    assertEquals("field 'locker' is used by dynamic group 'Lockers'; change the group first", used.error());

    long group = f.admin.get("/api/v1/groups").array("groups").getJsonObject(0).getLong("id");
    assertEquals(204, f.admin.delete("/api/v1/groups/" + group).status());
    assertEquals(204, f.admin.delete("/api/v1/fields/locker").status());
    assertFalse(f.admin.get("/api/v1/contacts/" + contact).json().getJsonObject("fields").containsKey("locker"));
    Calls.Reply gone = f.admin.delete("/api/v1/fields/locker");
    assertEquals(404, gone.status());
    assertEquals("custom field 'locker' not found", gone.error());
  }
}
