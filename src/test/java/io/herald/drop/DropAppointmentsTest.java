package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A drop profile that loads appointments: the clinic's nightly export dropped on the FTP site, nothing sent. */
class DropAppointmentsTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(JsonObject::new);
  static JsonObject profile;
  private static final String EXPORT = "Appt,Client,Phone,Pet,Date,Time,Status\n"
      + "N1,Ana Diaz,(202) 555-0171,Rex,12/20/2027,9:15 AM,Booked\n"
      + "N2,Ben Ode,2025550172,Tom,2027-12-20,10:00,\n"
      + "N3,Cy Park,2025550173,Kit,20/12/2027,11:00,booked\n";

  private static JsonObject columns() {
    return new JsonObject().put("externalId", "Appt").put("clientName", "Client").put("patient", "Pet")
        .put("date", "Date").put("time", "Time").put("status", "Status");
  }

  @BeforeAll
  static void start() {
    f.db.execute("UPDATE accounts SET time_zone = 'America/Denver'");
    profile = f.profile(new JsonObject().put("username", "nightly").put("purpose", "appointments")
        .put("mobileColumn", "Phone").put("appointmentColumns", columns()));
  }

  private static String startOf(String externalId) {
    return f.db.queryText("SELECT to_char(start_at AT TIME ZONE 'America/Denver', 'YYYY-MM-DD HH24:MI') || ' ' || status"
        + " FROM appointments WHERE external_id = '" + externalId + "'");
  }

  @Test
  void aProfileThatLoadsAppointmentsSaysWhatItLacks() {
    Api.Response noId = f.admin.post("/api/v1/drop-profiles", new JsonObject().put("username", "no-id")
        .put("purpose", "appointments").put("mobileColumn", "Phone")
        .put("appointmentColumns", columns().copy().put("externalId", (String) null)));
    assertEquals(400, noId.status());
    assertTrue(noId.json().getString("error").startsWith("appointmentColumns needs Appointment ID"), noId.body());
    Api.Response texts = f.admin.post("/api/v1/drop-profiles", new JsonObject().put("username", "texts")
        .put("purpose", "appointments").put("mobileColumn", "Phone").put("appointmentColumns", columns())
        .put("template", "Hi"));
    assertEquals(400, texts.status());
    assertEquals("a profile that loads appointments sends nothing: leave template, messageColumn, keywordColumn and"
        + " fields out", texts.json().getString("error"));
    Api.Response unknown = f.admin.post("/api/v1/drop-profiles", new JsonObject().put("username", "unknown")
        .put("purpose", "appointments").put("mobileColumn", "Phone").put("appointmentColumns", columns().copy()
            .put("invoice", "Invoice")));
    assertEquals(400, unknown.status());
    assertEquals("appointmentColumns.invoice", unknown.json().getString("field"));
    assertEquals("appointments", profile.getString("purpose"));
    assertEquals(columns(), profile.getJsonObject("appointmentColumns"));
  }

  @Test
  void theNightlyExportIsLoadedAndDroppingItAgainDoublesNothing() {
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertTrue(ftp.login("nightly", profile.getString("password")), ftp.reply());
      assertTrue(ftp.put("tomorrow.csv", EXPORT.getBytes(StandardCharsets.UTF_8)));
      String result = ftp.await("/processed/tomorrow.result.csv");
      assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"\r\n"
          + "4,\"column 5 (Date)\",\"20/12/2027\",\"column 5 (Date): '20/12/2027' is not a date like 2026-12-05 or 12/05/2026\"\r\n"
          + "\"Summary\",\"\",\"\",\"3 rows: 2 accepted, 1 rejected; 2 appointments loaded, nothing sent\"\r\n", result);
      assertEquals("2027-12-20 09:15 booked", startOf("N1"), "in the account's time zone, month first in the US");
      assertEquals("2027-12-20 10:00 booked", startOf("N2"));
      assertEquals(0, f.db.queryLong("SELECT count(*) FROM messages"), "loading appointments sends nothing");
      assertEquals(0, f.db.queryLong("SELECT count(*) FROM jobs"));
      assertEquals(1, f.db.queryLong("SELECT count(*) FROM contacts WHERE phone = '+12025550171'"), "Ana is a contact");

      assertTrue(ftp.put("again.csv", EXPORT.getBytes(StandardCharsets.UTF_8)));
      String again = ftp.await("/error/again.result.csv");
      assertTrue(again.contains("duplicate: the same content was dropped as tomorrow.csv") && again.contains(
          "so it was not loaded again"), again);
    }

    // the export of the next night: Ben cancelled, Cy's date fixed
    Api.Response next = f.upload(profile.getLong("id"), "?name=next.csv", EXPORT.replace("10:00,", "10:00,Cancelled")
        .replace("20/12/2027", "12/20/2027").getBytes(StandardCharsets.UTF_8));
    assertEquals(201, next.status(), next.body());
    assertEquals("processed", next.json().getString("status"), next.body());
    assertEquals(3, next.json().getInteger("accepted"));
    assertEquals("2027-12-20 10:00 cancelled", startOf("N2"));
    assertEquals("2027-12-20 11:00 booked", startOf("N3"));
    assertEquals(3, f.db.queryLong("SELECT count(*) FROM appointments"));

    Api.Response dry = f.upload(profile.getLong("id"), "?name=x.csv&dryRun=true", EXPORT.getBytes(StandardCharsets.UTF_8));
    assertEquals("error", dry.json().getString("status"), dry.body());
    assertTrue(dry.json().getString("reason").contains("this profile loads appointments and sends none"), dry.body());
  }
}
