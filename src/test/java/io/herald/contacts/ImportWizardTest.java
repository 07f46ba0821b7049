package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import wizard's four stages on CSV, XLSX and pasted rows, and every kind of bad input. */
class ImportWizardTest {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static ContactsFixture f;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "clinic").put("label", "Clinic").put("type", "text"));
    f.admin.post("/api/v1/fields", new JsonObject().put("key", "birthday").put("label", "Birthday").put("type", "date"));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static JsonObject upload(Calls caller, String name, String contentType, byte[] body) {
    Calls.Reply r = caller.upload("/api/v1/imports?name=" + name, contentType, body);
    assertEquals(201, r.status(), r.body());
    assertEquals("uploaded", r.json().getString("status"));
    return r.json();
  }

  private static List<String> fieldsOf(JsonObject upload) {
    List<String> fields = new ArrayList<>();
    upload.getJsonArray("columns").forEach(c -> fields.add(((JsonObject) c).getString("field")));
    return fields;
  }

  private static JsonObject assign(long id, Object... indexAndField) {
    JsonArray columns = new JsonArray();
    for (int i = 0; i < indexAndField.length; i += 2) {
      columns.add(new JsonObject().put("index", indexAndField[i]).put("field", indexAndField[i + 1]));
    }
    Calls.Reply r = f.admin.put("/api/v1/imports/" + id + "/columns", new JsonObject().put("columns", columns));
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static JsonObject run(Calls caller, long id) {
    Calls.Reply r = caller.post("/api/v1/imports/" + id + "/run");
    assertEquals(200, r.status(), r.body());
    assertEquals("completed", r.json().getString("status"));
    return r.json();
  }

  private static List<CSVRecord> rejects(long id) throws Exception {
    Calls.Reply r = f.admin.get("/api/v1/imports/" + id + "/rejects");
    assertEquals(200, r.status(), r.body());
    assertEquals("text/csv; charset=UTF-8", r.contentType());
    String text = r.body();
    assertTrue(text.startsWith("\uFEFF"), "UTF-8 with BOM");
    return CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
  }

  private static JsonObject contactByPhone(String phone) {
    JsonArray found = f.admin.get("/api/v1/contacts?q=" + phone.replace("+", "")).json().getJsonArray("contacts");
    assertEquals(1, found.size(), "one contact with " + phone + ": " + found);
    return found.getJsonObject(0);
  }

  /** The body curl -F file=@NAME sends: one file part, with its name and type, between boundary lines. */
  static byte[] form(String fileName, String csv) {
    String boundary = "------------------------d74496d66958873e";
    return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static final String FORM_TYPE = "multipart/form-data; boundary=------------------------d74496d66958873e";

  @Test
  void aFileSentAsAFormIsReadAsTheFileItHoldsNamedByTheFormOrByName() {
    String csv = "First Name,Mobile\r\nForm,+12025550871\r\nFields,+12025550872\r\n";
    Calls.Reply r = f.admin.upload("/api/v1/imports", FORM_TYPE, form("from-form.csv", csv));
    assertEquals(201, r.status(), r.body());
    assertEquals("from-form.csv", r.json().getJsonObject("file").getString("name"));
    assertEquals(2, r.json().getInteger("rows"), "boundary lines are not rows");
    assertEquals(java.util.Arrays.asList("firstName", "phone"), fieldsOf(r.json()));
    assertEquals("Form", r.json().getJsonArray("columns").getJsonObject(0).getJsonArray("samples").getString(0));

    Calls.Reply named = f.admin.upload("/api/v1/imports?name=spring.csv", FORM_TYPE, form("x.csv", csv));
    assertEquals("spring.csv", named.json().getJsonObject("file").getString("name"));
    Calls.Reply pathName = f.admin.upload("/api/v1/imports", FORM_TYPE, form("../../etc/x.csv", csv));
    assertEquals("x.csv", pathName.json().getJsonObject("file").getString("name"), "a name, never a path");

    Calls.Reply empty = f.admin.upload("/api/v1/imports", FORM_TYPE, ("--------------------------d74496d66958873e"
        + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--------------------------d74496d66958873e--\r\n")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(400, empty.status());
    assertEquals("the form has no file in it: send the file as a form field, like curl -F file=@patients.csv", empty.error());
  }

  @Test
  void aColumnSetToNullIsNotImported() {
    JsonObject up = upload(f.admin, "nulls.csv", "text/csv", "Mobile,Shoe size\n+12025550881,9\n".getBytes(StandardCharsets.UTF_8));
    long id = up.getLong("id");
    Calls.Reply r = f.admin.put("/api/v1/imports/" + id + "/columns", new JsonObject().put("columns",
        new JsonArray().add(new JsonObject().put("index", 1).putNull("field"))));
    assertEquals(200, r.status(), r.body());
    assertEquals("ignore", fieldsOf(r.json()).get(1));
  }

  @Test
  void aCsvFileGoesThroughTheFourStages() throws Exception {
    long byPhone = f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Old").put("lastName", "Name")
        .put("phone", "+12025550501")).json().getLong("id");
    long byEmail = f.admin.post("/api/v1/contacts", new JsonObject().put("firstName", "Mail")
        .put("email", "known@example.com")).json().getLong("id");
    String csv = "\uFEFFFirst Name,Last Name,Mobile,E-mail,Clinic,Notes\r\n"
        + "Ada,Lovelace,(202) 555-0501,ada@example.com,North,likes mornings\r\n"   // row 2: updates byPhone
        + "Bob,Known,202-555-0502,KNOWN@example.com,South,\r\n"                  // row 3: updates byEmail
        + "Cy,New,+1 202 555 0503,,North,\r\n"                                    // row 4: new
        + "Dee,Bad,12ab,,North,\r\n"                                              // row 5: invalid phone
        + "Eve,Dup,2025550503,,South,\r\n"                                        // row 6: duplicate of row 4
        + "Fay,Nothing,,,North,\r\n"                                              // row 7: no detail
        + "\"=HYPERLINK(\"\"x\"\")\",Evil,,not-an-email,North,\r\n";             // row 8: bad e-mail
    JsonObject up = upload(f.user, "patients.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    long id = up.getLong("id");
    assertEquals(new JsonObject().put("name", "patients.csv").put("format", "csv").put("encoding", "UTF-8 with BOM")
        .put("delimiter", ",").put("hasHeader", true), up.getJsonObject("file"));
    assertEquals(7, up.getInteger("rows"));
    assertEquals(java.util.Arrays.asList("firstName", "lastName", "phone", "email", "clinic", null), fieldsOf(up));
    JsonObject notes = up.getJsonArray("columns").getJsonObject(5);
    assertEquals("Notes", notes.getString("header"));
    assertTrue(notes.getBoolean("needsAssignment"));
    assertEquals("likes mornings", notes.getJsonArray("samples").getString(0));

    Calls.Reply early = f.user.post("/api/v1/imports/" + id + "/run");
    assertEquals(400, early.status());
    assertEquals("column 'Notes' needs a field, or ignore to leave it out", early.error());

    assertEquals("ignore", fieldsOf(assign(id, 5, "ignore")).get(5));
    Calls.Reply group = f.user.put("/api/v1/imports/" + id + "/group", new JsonObject().put("mode", "new")
        .put("name", "Spring import").put("category", "imports"));
    assertEquals(200, group.status(), group.body());

    JsonObject done = run(f.user, id);
    assertEquals(new JsonObject().put("rows", 7).put("created", 1).put("updated", 2).put("rejected", 4)
        .put("groupId", done.getJsonObject("summary").getLong("groupId")), done.getJsonObject("summary"));
    assertEquals("/api/v1/imports/" + id + "/rejects", done.getString("rejectsFile"));
    assertEquals(new JsonArray()
            .add(new JsonObject().put("row", 5).put("column", "Mobile").put("value", "12ab")
                .put("error", "column 'Mobile': '12ab' is not a valid phone number"))
            .add(new JsonObject().put("row", 6).put("column", "Mobile").put("value", "+12025550503")
                .put("error", "column 'Mobile': phone number +12025550503 is also on row 4, which was imported instead"))
            .add(new JsonObject().put("row", 7).putNull("column").putNull("value")
                .put("error", "no phone number or e-mail address: a contact needs at least one"))
            .add(new JsonObject().put("row", 8).put("column", "E-mail").put("value", "not-an-email")
                .put("error", "column 'E-mail': 'not-an-email' is not a valid e-mail address")),
        done.getJsonArray("rejectedRows"));

    List<CSVRecord> rejected = rejects(id);
    assertEquals(List.of("row", "First Name", "Last Name", "Mobile", "E-mail", "Clinic", "Notes", "reason"),
        rejected.get(0).toList());
    assertEquals(List.of("5", "Dee", "Bad", "12ab", "", "North", "", "column 'Mobile': '12ab' is not a valid phone number"),
        rejected.get(1).toList());
    assertEquals(List.of("8", "'=HYPERLINK(\"x\")", "Evil", "", "not-an-email", "North", "",
        "column 'E-mail': 'not-an-email' is not a valid e-mail address"), rejected.get(4).toList(), "formula neutralised");
    assertEquals(5, rejected.size());

    JsonObject ada = f.admin.get("/api/v1/contacts/" + byPhone).json();
    assertEquals("Ada", ada.getString("firstName"));
    assertEquals("ada@example.com", ada.getString("email"));
    assertEquals("North", ada.getJsonObject("fields").getString("clinic"));
    JsonObject bob = f.admin.get("/api/v1/contacts/" + byEmail).json();
    assertEquals("Bob", bob.getString("firstName"));
    assertEquals("+12025550502", bob.getString("phone"), "matched by e-mail, phone added");
    long groupId = done.getJsonObject("summary").getLong("groupId");
    JsonObject g = f.admin.get("/api/v1/groups/" + groupId).json();
    assertEquals("Spring import", g.getString("name"));
    assertEquals(3, g.getLong("contacts"));

    Calls.Reply again = f.user.post("/api/v1/imports/" + id + "/run");
    assertEquals(409, again.status());
    assertEquals("import " + id + " is completed: start a new import to change anything", again.error());
    assertEquals(404, f.other.get("/api/v1/imports/" + id).status());
    assertEquals("import not found", f.other.get("/api/v1/imports/" + id + "/rejects").error());
  }

  @Test
  void anXlsxWorkbookImportsValuesAndRejectsFormulas() throws Exception {
    long group = f.admin.post("/api/v1/groups", new JsonObject().put("name", "From Excel")).json().getLong("id");
    byte[] xlsx = Sheets.workbook(List.of(
        List.of("Phone", "First name", "Birthday", "Clinic"),
        List.of(2025550601L, "Excel", LocalDate.of(1990, 4, 12), "North"),
        List.of("+12025550602", "Text", "1985-01-31", "South"),
        List.of(new Sheets.Formula("CONCATENATE(\"+1202555\",\"0603\")"), "Formula", LocalDate.of(1970, 1, 1), "West"),
        List.of("+12025550604", "Bad date", "31/01/1985", "East")));
    JsonObject up = upload(f.admin, "patients.xlsx", XLSX, xlsx);
    long id = up.getLong("id");
    assertEquals("xlsx", up.getJsonObject("file").getString("format"));
    assertEquals(List.of("phone", "firstName", "birthday", "clinic"), fieldsOf(up));
    assertEquals("1990-04-12", up.getJsonArray("columns").getJsonObject(2).getJsonArray("samples").getString(0));
    assertEquals("2025550601", up.getJsonArray("columns").getJsonObject(0).getJsonArray("samples").getString(0));
    assertEquals(200, f.admin.put("/api/v1/imports/" + id + "/group", new JsonObject().put("mode", "existing")
        .put("groupId", group)).status());
    JsonObject done = run(f.admin, id);
    assertEquals(2, done.getJsonObject("summary").getInteger("created"));
    assertEquals(2, done.getJsonObject("summary").getInteger("rejected"));
    JsonArray rejected = done.getJsonArray("rejectedRows");
    assertEquals(4, rejected.getJsonObject(0).getInteger("row"));
    assertEquals("column 'Phone': cell A4 holds a formula (=CONCATENATE(\"+1202555\",\"0603\")); Herald imports values only: "
        + "copy the column and paste it as values", rejected.getJsonObject(0).getString("error"));
    assertEquals(5, rejected.getJsonObject(1).getInteger("row"));
    assertEquals("column 'Birthday': '31/01/1985' is not a date written YYYY-MM-DD",
        rejected.getJsonObject(1).getString("error"));
    JsonObject excel = contactByPhone("+12025550601");
    assertEquals("1990-04-12", excel.getJsonObject("fields").getString("birthday"));
    assertEquals(2, f.admin.get("/api/v1/groups/" + group).json().getLong("contacts"));
  }

  @Test
  void aWorkbookWithSeveralSheetsIsRefused() {
    byte[] xlsx = Sheets.workbook(List.of("Patients", "Staff"), List.of(
        List.of(List.of("Phone"), List.of("+12025550611")), List.of(List.of("Phone"), List.of("+12025550612"))));
    Calls.Reply r = f.admin.upload("/api/v1/imports?name=two.xlsx", XLSX, xlsx);
    assertEquals(400, r.status());
    assertEquals("file 'two.xlsx' has 2 sheets (Patients, Staff); Herald imports a workbook with one sheet: "
        + "delete the others or save the sheet as CSV", r.error());
    assertEquals("file", r.json().getString("field"));
  }

  @Test
  void aMalformedWorkbookIsRefused() {
    byte[] zipHeaderOnly = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    Calls.Reply broken = f.admin.upload("/api/v1/imports?name=broken.xlsx", XLSX, zipHeaderOnly);
    assertEquals(400, broken.status());
    assertTrue(broken.error().startsWith("file 'broken.xlsx' is not a readable XLSX workbook: "), broken.error());
    Calls.Reply notZip = f.admin.upload("/api/v1/imports?name=renamed.xlsx", XLSX, "Phone\n+12025550613\n".getBytes());
    assertEquals("file 'renamed.xlsx' is not a readable XLSX workbook: it is not a ZIP archive", notZip.error());
    Calls.Reply xls = f.admin.upload("/api/v1/imports?name=old.xls", "application/vnd.ms-excel",
        new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
    assertEquals("file 'old.xls' is an Excel 97-2003 (.xls) workbook; save it as XLSX or CSV", xls.error());
    Calls.Reply empty = f.admin.upload("/api/v1/imports?name=empty.csv", "text/csv", new byte[0]);
    assertEquals("file 'empty.csv' is empty", empty.error());
  }

  @Test
  void aWindows1252CsvKeepsItsAccents() {
    String csv = "Prénom;Nom;Téléphone\r\nZoë;Müller;202 555 0621\r\nRené;Ñúñez;202 555 0622\r\n";
    JsonObject up = upload(f.admin, "export-excel.csv", "text/csv", csv.getBytes(Charset.forName("windows-1252")));
    assertEquals("Windows-1252", up.getJsonObject("file").getString("encoding"));
    assertEquals(";", up.getJsonObject("file").getString("delimiter"));
    assertEquals(List.of("Prénom", "Nom", "Téléphone"), up.getJsonArray("columns").stream()
        .map(c -> ((JsonObject) c).getString("header")).toList());
    assertEquals(java.util.Arrays.asList(null, null, null), fieldsOf(up), "French headers need a choice");
    long id = up.getLong("id");
    assign(id, 0, "firstName", 1, "lastName", 2, "phone");
    run(f.admin, id);
    assertEquals("Müller", contactByPhone("+12025550621").getString("lastName"));
    assertEquals("René", contactByPhone("+12025550622").getString("firstName"));
  }

  @Test
  void pastedRowsWithoutHeadersAreRecognisedByTheirValues() {
    Calls.Reply r = f.user.post("/api/v1/imports", new JsonObject()
        .put("text", "Ann\t+12025550631\tann@example.com\nBen\t202-555-0632\t\n"));
    assertEquals(201, r.status(), r.body());
    JsonObject up = r.json();
    assertEquals("text", up.getJsonObject("file").getString("format"));
    assertEquals("pasted text", up.getJsonObject("file").getString("name"));
    assertEquals(false, up.getJsonObject("file").getBoolean("hasHeader"));
    assertEquals(2, up.getInteger("rows"));
    assertEquals(java.util.Arrays.asList(null, "phone", "email"), fieldsOf(up));
    assertEquals(List.of("Column 1", "Column 2", "Column 3"), up.getJsonArray("columns").stream()
        .map(c -> ((JsonObject) c).getString("header")).toList());
    long id = up.getLong("id");
    assign(id, 0, "firstName");
    JsonObject done = run(f.user, id);
    assertEquals(2, done.getJsonObject("summary").getInteger("created"));
    assertNull(done.getString("rejectsFile"));
    assertEquals("Ben", contactByPhone("+12025550632").getString("firstName"));
    assertEquals(400, f.user.post("/api/v1/imports", new JsonObject().put("text", " ")).status());
  }

  @Test
  void eachStageChecksItsInput() {
    long dynamic = f.admin.post("/api/v1/groups", new JsonObject().put("name", "Dyn").put("type", "dynamic")
        .put("conditions", new JsonArray().add(new JsonObject().put("field", "phone").put("op", "is_not_empty"))))
        .json().getLong("id");
    JsonObject up = upload(f.admin, "checks.csv", "text/csv", "Name,Mobile,Phone\nA,2025550641,2025550642\n".getBytes());
    long id = up.getLong("id");
    String columns = "/api/v1/imports/" + id + "/columns";
    Calls.Reply index = f.admin.put(columns, new JsonObject().put("columns", new JsonArray()
        .add(new JsonObject().put("index", 7).put("field", "phone"))));
    assertEquals(400, index.status());
    assertEquals("no column 7: the file has columns 0 to 2", index.error());
    Calls.Reply field = f.admin.put(columns, new JsonObject().put("columns", new JsonArray()
        .add(new JsonObject().put("index", 0).put("field", "nickname"))));
    assertEquals("no field 'nickname' for column 'Name': give a field key or ignore", field.error());
    Calls.Reply twice = f.admin.put(columns, new JsonObject().put("columns", new JsonArray()
        .add(new JsonObject().put("index", 2).put("field", "phone"))));
    assertEquals("field 'phone' is assigned to both column 'Mobile' and column 'Phone'", twice.error());
    assign(id, 0, "firstName", 1, "ignore", 2, "ignore");
    Calls.Reply noDetail = f.admin.post("/api/v1/imports/" + id + "/run");
    assertEquals(400, noDetail.status());
    assertEquals("assign a column to phone or email: a contact needs one of them", noDetail.error());

    String groupPath = "/api/v1/imports/" + id + "/group";
    assertEquals("mode must be none, new or existing",
        f.admin.put(groupPath, new JsonObject().put("mode", "maybe")).error());
    Calls.Reply missing = f.admin.put(groupPath, new JsonObject().put("mode", "existing").put("groupId", 424242));
    assertEquals(404, missing.status());
    assertEquals("group 424242 not found", missing.error());
    assertEquals("group 'Dyn' is dynamic: its members come from its conditions; choose a static group",
        f.admin.put(groupPath, new JsonObject().put("mode", "existing").put("groupId", dynamic)).error());
    Calls.Reply taken = f.admin.put(groupPath, new JsonObject().put("mode", "new").put("name", "dyn"));
    assertEquals(409, taken.status());
    assertEquals("a group named 'dyn' already exists", taken.error());
    assertEquals(204, f.admin.delete("/api/v1/imports/" + id).status());
    assertEquals(404, f.admin.get("/api/v1/imports/" + id).status());
  }

  @Test
  void aFileOverTheSizeLimitIsRefused() {
    byte[] big = new byte[(int) ImportLimits.DEFAULT.maxBytes() + 1];
    java.util.Arrays.fill(big, (byte) 'x');
    Calls.Reply r = f.admin.upload("/api/v1/imports?name=huge.csv", "text/csv", big);
    assertEquals(413, r.status());
    assertEquals("file 'huge.csv' is larger than the import limit of 32 MiB (33554432 bytes)", r.error());
    assertEquals(33554432L, r.json().getLong("limit"));
  }

  @Test
  void aHundredThousandRowsImportInOneRun() {
    StringBuilder csv = new StringBuilder("phone,first name,last name,email,clinic\n");
    for (int i = 0; i < 100_000; i++) {
      csv.append("+1303555").append(String.format("%04d", i % 10_000)).append(i / 10_000).append(',')
          .append("First").append(i).append(",Last").append(i).append(",p").append(i).append("@bulk.example,Bulk\n");
    }
    // London numbers +44 20 79xx xxxx: 100,000 valid, distinct E.164 numbers
    String text = csv.toString().replace("+1303555", "+4420790");
    long started = System.nanoTime();
    JsonObject up = upload(f.admin, "bulk.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    assertEquals(100_000, up.getInteger("rows"));
    JsonObject done = run(f.admin, up.getLong("id"));
    System.out.printf("100,000-row import: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertEquals(new JsonObject().put("rows", 100_000).put("created", 100_000).put("updated", 0).put("rejected", 0)
        .putNull("groupId"), done.getJsonObject("summary"));
    assertEquals(100_000, f.db.queryLong("SELECT count(*) FROM contacts WHERE fields ->> 'clinic' = 'Bulk'"));
  }
}
