package io.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import wizard's appointments target: its own column guessing, dates as clinics write them, rows refused by row and column. */
class AppointmentImportTest {
  private static final String BOUNDARY = "------------------------5f0e9a0c3b1d2e47";
  private static final String FORM_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
  private static final String CSV = """
      Appt ID,Client,Phone,Pet,Date,Time,Doctor,Status\r
      A1,Ana Diaz,(202) 555-0131,Rex,12/05/2027,9:30 AM,Dr. Wu,Booked\r
      A2,Ana Diaz,2025550131,Milo,12/05/2027,14:00,Dr. Wu,\r
      B1,Ben Ode,2025550132,Tom,13/05/2027,10:00,,booked\r
      C1,Cy Park,2025550133,Kit,12/06/2027,25:00,,Cancelled\r
      D1,Dee Lo,2025550134,Bo,2027-12-07,08:15,,canceled\r
      """;
  static ContactsFixture f;

  @BeforeAll
  static void start() {
    f = new ContactsFixture();
    f.db.execute("UPDATE accounts SET time_zone = 'America/Chicago' WHERE id = " + f.accountId);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A form as curl -F target=appointments -F file=@name sends it. */
  private static byte[] form(String fileName, String csv) {
    return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\nappointments\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> fieldsOf(JsonObject upload) {
    List<String> fields = new ArrayList<>();
    upload.getJsonArray("columns").forEach(c -> fields.add(((JsonObject) c).getString("field")));
    return fields;
  }

  private static String startOf(String externalId) {
    return f.db.queryText("SELECT to_char(start_at AT TIME ZONE 'America/Chicago', 'YYYY-MM-DD HH24:MI') || ' ' || status"
        + " FROM appointments WHERE external_id = '" + externalId + "'");
  }

  @Test
  void aClinicsExportIsGuessedLoadedAndItsBadRowsNamed() {
    Calls.Reply up = f.admin.upload("/api/v1/imports", FORM_TYPE, form("appointments.csv", CSV));
    assertEquals(201, up.status(), up.body());
    JsonObject upload = up.json();
    assertEquals("appointments", upload.getString("target"));
    assertEquals(Arrays.asList("externalId", "clientName", "phone", "patient", "date", "time", "provider", "status"),
        fieldsOf(upload));
    assertTrue(upload.getJsonArray("choices").contains(new JsonObject().put("key", "startAt").put("label", "Date and time")),
        upload.encode());
    long id = upload.getLong("id");

    Calls.Reply group = f.admin.put("/api/v1/imports/" + id + "/group", new JsonObject().put("mode", "new").put("name", "x"));
    assertEquals(400, group.status());
    assertEquals("appointments go in no group: a group holds contacts", group.error());
    Calls.Reply wrongField = f.admin.put("/api/v1/imports/" + id + "/columns", new JsonObject().put("columns",
        new JsonArray().add(new JsonObject().put("index", 3).put("field", "email"))));
    assertEquals(400, wrongField.status(), "a contact field is not a column of an appointment");
    assertEquals(200, f.admin.put("/api/v1/imports/" + id + "/columns", new JsonObject().put("columns",
        new JsonArray().add(new JsonObject().put("index", 0).put("field", "ignore")))).status());
    Calls.Reply noId = f.admin.post("/api/v1/imports/" + id + "/run", new JsonObject());
    assertEquals(400, noId.status());
    assertTrue(noId.error().startsWith("assign a column to Appointment ID"), noId.error());
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM appointments"));
    assertEquals(200, f.admin.put("/api/v1/imports/" + id + "/columns", new JsonObject().put("columns",
        new JsonArray().add(new JsonObject().put("index", 0).put("field", "externalId")))).status());

    Calls.Reply ran = f.admin.post("/api/v1/imports/" + id + "/run", new JsonObject());
    assertEquals(200, ran.status(), ran.body());
    JsonObject summary = ran.json().getJsonObject("summary");
    assertEquals(3, summary.getInteger("created"), summary.encode());
    assertEquals(2, summary.getInteger("rejected"));
    JsonArray rejected = ran.json().getJsonArray("rejectedRows");
    assertEquals(new JsonObject().put("row", 4).put("column", "Date").put("value", "13/05/2027")
        .put("error", "column 'Date': '13/05/2027' is not a date like 2026-12-05 or 12/05/2026"), rejected.getJsonObject(0));
    assertEquals(new JsonObject().put("row", 5).put("column", "Time").put("value", "25:00")
        .put("error", "column 'Time': '25:00' is not a time like 09:30 or 9:30 AM"), rejected.getJsonObject(1));
    assertEquals("2027-12-05 09:30 booked", startOf("A1"), "month first in a US account, in its time zone");
    assertEquals("2027-12-05 14:00 booked", startOf("A2"));
    assertEquals("2027-12-07 08:15 cancelled", startOf("D1"));
    assertEquals(1, f.db.queryLong("SELECT count(*) FROM contacts WHERE phone = '+12025550131' AND first_name = 'Ana'"
        + " AND last_name = 'Diaz'"), "the client is a contact");
    Calls.Reply rejects = f.admin.get("/api/v1/imports/" + id + "/rejects");
    assertTrue(rejects.body().contains("'25:00' is not a time"), rejects.body());

    // the nightly export, sent again with one fix: nothing doubles
    JsonObject again = f.admin.upload("/api/v1/imports", FORM_TYPE,
        form("appointments.csv", CSV.replace("13/05/2027", "12/05/2027"))).json();
    JsonObject rerun = f.admin.post("/api/v1/imports/" + again.getLong("id") + "/run", new JsonObject()).json();
    assertEquals(new JsonObject().put("created", 1).put("updated", 3).put("rejected", 1),
        new JsonObject().put("created", rerun.getJsonObject("summary").getInteger("created"))
            .put("updated", rerun.getJsonObject("summary").getInteger("updated"))
            .put("rejected", rerun.getJsonObject("summary").getInteger("rejected")));
    assertEquals(4, f.db.queryLong("SELECT count(*) FROM appointments"));
  }

  @Test
  void aWorkbookWithDateCellsIsReadAsTheSpreadsheetShowsIt() {
    byte[] xlsx = Sheets.workbook(List.of(
        List.of("Appointment ID", "Client First Name", "Client Last Name", "Mobile", "Patient Name", "Appointment Date",
            "Start Time"),
        List.of("X1", "Flo", "Reyes", "2025550151", "Sam", LocalDate.of(2027, 12, 9), "10:45"),
        List.of("X2", "Gil", "Ng", "", "Ivy", LocalDate.of(2027, 12, 9), "11:00")));
    Calls.Reply up = f.admin.upload("/api/v1/imports?target=appointments&name=day.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
    assertEquals(201, up.status(), up.body());
    assertEquals(Arrays.asList("externalId", "firstName", "lastName", "phone", "patient", "date", "time"),
        fieldsOf(up.json()));
    JsonObject ran = f.admin.post("/api/v1/imports/" + up.json().getLong("id") + "/run", new JsonObject()).json();
    assertEquals(2, ran.getJsonObject("summary").getInteger("created"), ran.encode());
    assertEquals("2027-12-09 10:45 booked", startOf("X1"));
    assertEquals("Flo Reyes", f.db.queryText("SELECT client_name FROM appointments WHERE external_id = 'X1'"));
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM contacts WHERE first_name = 'Gil'"),
        "a client without a number is kept with the appointment, not made a contact");

    Calls.Reply unknown = f.admin.upload("/api/v1/imports?target=invoices&name=day.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
    assertEquals(400, unknown.status());
    assertEquals("an import loads contacts or appointments, not invoices", unknown.error());
  }
}
