package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contacts exported as CSV and XLSX: all, a search, a group; spreadsheet formulas neutralised. */
class ContactExportTest {
  static ContactsFixture f;
  static long group;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "balance").put("label", "Balance").put("type", "number"));
    long evil = f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "=HYPERLINK(\"http://x\")")
        .put("lastName", "+SUM(A1)").put("phone", "+12025550701").put("email", "evil@example.com")
        .put("language", "@lang").put("fields", new JsonObject().put("balance", "-12.50"))).json().getLong("id");
    long plain = f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Plain").put("lastName", "Person")
        .put("phone", "+12025550702")).json().getLong("id");
    f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Outside").put("email", "outside@example.com"));
    f.admin.post("/api/v1/opt-outs", new JsonObject().put("address", "+12025550702"));
    group = f.admin.post("/api/v1/groups", new JsonObject().put("name", "Export me")
        .put("contacts", new JsonArray().add(evil).add(plain))).json().getLong("id");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static List<CSVRecord> csv(String query) throws Exception {
    Calls.Reply r = f.user.get("/api/v1/contacts/export?format=csv" + query);
    assertEquals(200, r.status(), r.body());
    assertEquals("text/csv; charset=UTF-8", r.contentType());
    assertEquals("attachment; filename=\"contacts.csv\"", r.disposition());
    assertTrue(r.body().startsWith("\uFEFF"));
    return CSVFormat.RFC4180.parse(new StringReader(r.body().substring(1))).getRecords();
  }

  @Test
  void csvNeutralisesFormulasAndKeepsE164Readable() throws Exception {
    List<CSVRecord> rows = csv("");
    assertEquals(List.of("Id", "First name", "Last name", "Phone", "Phone status", "E-mail", "E-mail status",
        "Time zone", "Language", "Balance", "Groups", "Created"), rows.get(0).toList());
    assertEquals(4, rows.size());
    CSVRecord evil = rows.get(1);
    assertEquals("'=HYPERLINK(\"http://x\")", evil.get(1));
    assertEquals("'+SUM(A1)", evil.get(2));
    assertEquals("+12025550701", evil.get(3), "an E.164 number keeps its +");
    assertEquals("active", evil.get(4));
    assertEquals("evil@example.com", evil.get(5));
    assertEquals("'@lang", evil.get(8));
    assertEquals("'-12.5", evil.get(9));
    assertEquals("Export me", evil.get(10));
    CSVRecord plain = rows.get(2);
    assertEquals("opted-out", plain.get(4));
    assertEquals("", plain.get(5));
  }

  @Test
  void aSearchExportsOnlyItsContacts() throws Exception {
    List<CSVRecord> rows = csv("&q=outside");
    assertEquals(2, rows.size());
    assertEquals("Outside", rows.get(1).get(1));
  }

  @Test
  void aGroupExportsAsXlsx() throws Exception {
    Calls.Reply r = f.admin.get("/api/v1/contacts/export?format=xlsx&group=" + group);
    assertEquals(200, r.status(), r.body());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.contentType());
    assertEquals("attachment; filename=\"contacts.xlsx\"", r.disposition());
    List<List<String>> rows = new ArrayList<>();
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.bytes()))) {
      assertEquals(1, wb.getSheets().count());
      for (Row row : wb.getFirstSheet().read()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
          cells.add(row.getCell(i) == null ? "" : row.getCell(i).getText());
        }
        rows.add(cells);
      }
    }
    assertEquals(3, rows.size(), "header and the group's two contacts: " + rows);
    assertEquals("'=HYPERLINK(\"http://x\")", rows.get(1).get(1));
    assertEquals("+12025550701", rows.get(1).get(3));
    assertEquals("Plain", rows.get(2).get(1));
  }

  @Test
  void badExportsAreRefused() {
    Calls.Reply pdf = f.admin.get("/api/v1/contacts/export?format=pdf");
    assertEquals(400, pdf.status());
    assertEquals("format must be csv or xlsx", pdf.error());
    Calls.Reply theirs = f.other.get("/api/v1/contacts/export?group=" + group);
    assertEquals(404, theirs.status());
    assertEquals("group not found", theirs.error());
  }
}
