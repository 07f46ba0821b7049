package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Files dropped on the FTP site by a real FTP client become texts, and land in processed/ or error/. */
class DropFtpTest {
  static final long MAX_FILE_BYTES = 2 * 1024 * 1024;
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject().put("drop", new JsonObject().put("maxFileBytes", MAX_FILE_BYTES)));
  static JsonObject profile;

  @BeforeAll
  static void start() throws Exception {
    profile = f.profile(new JsonObject().put("username", "clinic").put("mobileColumn", "Mobile")
        .put("fields", new JsonArray().add(new JsonObject().put("column", "First").put("label", "first")))
        .put("template", "Hi ~first~, see you soon"));
  }

  private FtpSession login() {
    FtpSession ftp = FtpSession.connect(f.ftpPort());
    assertTrue(ftp.login("clinic", profile.getString("password")), ftp.reply());
    return ftp;
  }

  private static long jobOf(String file) {
    return f.db.queryLong("SELECT job_id FROM drop_files WHERE name = '" + file + "' AND status = 'processed'");
  }

  @Test
  void aDroppedFileIsSentAndLandsInProcessedWithItsResult() {
    try (FtpSession ftp = login()) {
      assertTrue(ftp.list("/").containsAll(List.of("error", "processed")), "both folders are there from the first login");
      assertTrue(ftp.put("patients.csv", "First,Mobile\nAna,+12025550101\nBen,(202) 555-0102\nCy,not a number\n"));
      String result = ftp.await("/processed/patients.result.csv");
      assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"\r\n"
          + "4,\"column 2 (Mobile)\",\"not a number\",\"invalid phone number\"\r\n"
          + "\"Summary\",\"\",\"\",\"3 rows: 2 accepted, 1 rejected; job " + jobOf("patients.csv") + "\"\r\n", result);
      assertTrue(ftp.list("/processed").containsAll(List.of("patients.csv", "patients.result.csv")));
      assertFalse(ftp.list("/").contains("patients.csv"), "the file left the top folder");
      f.awaitTexts(List.of("+12025550101", "+12025550102"), 2);
      assertEquals(List.of("Hi Ana, see you soon"), f.textsTo("+12025550101"));
      assertEquals(List.of("Hi Ben, see you soon"), f.textsTo("+12025550102"));
    }
  }

  @Test
  void windows1252AndUtf8WithBomAreBothRead() {
    try (FtpSession ftp = login()) {
      assertTrue(ftp.put("accents-1252.csv", "First,Mobile\nHélène,+12025550111\n".getBytes(Charset.forName("windows-1252"))));
      assertTrue(ftp.put("accents-bom.csv", "\uFEFFFirst,Mobile\nJosé,+12025550112\n".getBytes(StandardCharsets.UTF_8)));
      ftp.await("/processed/accents-1252.result.csv");
      ftp.await("/processed/accents-bom.result.csv");
      f.awaitTexts(List.of("+12025550111", "+12025550112"), 2);
      assertEquals(List.of("Hi Hélène, see you soon"), f.textsTo("+12025550111"));
      assertEquals(List.of("Hi José, see you soon"), f.textsTo("+12025550112"));
    }
  }

  /** Each bad file goes to error/ with a result that says exactly why; nothing of it is sent. */
  @Test
  void everyKindOfBadFileGoesToErrorWithItsReason() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    files.put("unicode.csv", "\uFEFFFirst\tMobile\nAna\t+12025550121\n".getBytes(StandardCharsets.UTF_16LE));
    reasons.put("unicode.csv", "the file is UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\" or"
        + " \"CSV (Comma delimited)\"");
    files.put("quotes.csv", "First,Mobile\nAna,+12025550122\n\"Ben,+12025550123\nCy,+12025550124\n".getBytes(StandardCharsets.UTF_8));
    reasons.put("quotes.csv", "unbalanced quotes: the quoted field that starts on line 3 (column 1) is never closed;"
        + " nothing from the file was sent");
    files.put("empty.csv", new byte[0]);
    reasons.put("empty.csv", "the file is empty");
    files.put("binary.csv", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
    reasons.put("binary.csv", "the file is not text: it holds binary data (a NUL byte at byte 6): it looks like an Excel"
        + " workbook (.xlsx) or a ZIP archive; save it as CSV");
    files.put("header-only.csv", "First,Mobile\r\n".getBytes(StandardCharsets.UTF_8));
    reasons.put("header-only.csv", "the file has a header row but no data rows");
    files.put("long-line.csv", ("First,Mobile\n" + "A".repeat(1024 * 1024 + 1) + ",+12025550125\n").getBytes(StandardCharsets.UTF_8));
    reasons.put("long-line.csv", "line 2 is longer than 1 MB: this does not look like a CSV file of recipients");
    files.put("patients.xlsx", "First,Mobile\nAna,+12025550126\n".getBytes(StandardCharsets.UTF_8));
    reasons.put("patients.xlsx", "only .csv files are accepted: save the file as CSV (Comma delimited) and drop it again");
    files.put("no-valid-row.csv", "First,Mobile\nAna,12\nBen,\n".getBytes(StandardCharsets.UTF_8));
    reasons.put("no-valid-row.csv", "no valid row: all 2 rows were rejected (see the result file)");
    files.put("wrong-header.csv", "First,Phone\nAna,+12025550127\n".getBytes(StandardCharsets.UTF_8));
    reasons.put("wrong-header.csv", "the header row has no column 'Mobile' (mobileColumn); its columns are: First, Phone");
    files.put("too-big.csv", new byte[(int) MAX_FILE_BYTES + 1]);
    reasons.put("too-big.csv", "the file is larger than the limit of " + MAX_FILE_BYTES + " bytes (drop.maxFileBytes),"
        + " so the upload was stopped and not kept: split it into smaller files");
    try (FtpSession ftp = login()) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        boolean stored = ftp.put(file.getKey(), file.getValue());
        assertEquals(!file.getKey().equals("too-big.csv"), stored, "only the file past the size limit fails to upload");
      }
      for (Map.Entry<String, String> expected : reasons.entrySet()) {
        String name = expected.getKey();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        String result = ftp.await("/error/" + base + ".result.csv");
        List<String> lines = result.lines().toList();
        assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"", lines.get(0));
        assertEquals(List.of("file", "", "", expected.getValue()), cells(lines.get(lines.size() - 2)), name);
        assertTrue(lines.get(lines.size() - 1).endsWith("nothing was sent\""), lines.get(lines.size() - 1));
        assertEquals(!name.equals("too-big.csv"), ftp.list("/error").contains(name),
            name + " is in error/, but for the upload cut off at the size limit, which is not kept");
        assertEquals("error", f.db.queryText("SELECT status FROM drop_files WHERE name = '" + name + "'"));
        assertEquals(expected.getValue(), f.db.queryText("SELECT reason FROM drop_files WHERE name = '" + name + "'"));
      }
      String noValid = ftp.text("/error/no-valid-row.result.csv");
      assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"\r\n"
          + "2,\"column 2 (Mobile)\",\"12\",\"invalid phone number\"\r\n"
          + "3,\"column 2 (Mobile)\",\"\",\"phone number is missing\"\r\n"
          + "\"file\",\"\",\"\",\"no valid row: all 2 rows were rejected (see the result file)\"\r\n"
          + "\"Summary\",\"\",\"\",\"2 rows: 0 accepted, 2 rejected; nothing was sent\"\r\n", noValid);
    }
    assertEquals(0, f.db.queryLong("SELECT count(*) FROM jobs j JOIN drop_files d ON d.job_id = j.id"
        + " WHERE d.status = 'error'"), "no job is left from a file in error/");
    for (int n = 121; n <= 127; n++) {
      assertEquals(List.of(), f.textsTo("+12025550" + n));
    }
  }

  @Test
  void theSameContentDroppedTwiceIsADuplicateAndIsNotSentTwice() {
    String content = "First,Mobile\nDee,+12025550131\nEd,+12025550132\n";
    try (FtpSession ftp = login()) {
      assertTrue(ftp.put("monday.csv", content));
      ftp.await("/processed/monday.result.csv");
      assertTrue(ftp.put("monday-again.csv", content));
      String result = ftp.await("/error/monday-again.result.csv");
      long first = f.db.queryLong("SELECT id FROM drop_files WHERE name = 'monday.csv'");
      String reason = f.db.queryText("SELECT reason FROM drop_files WHERE name = 'monday-again.csv'");
      assertTrue(reason.matches("duplicate: the same content was dropped as monday\\.csv on \\d{4}-\\d\\d-\\d\\dT.*Z \\(file "
          + first + "\\), so it was not sent again"), reason);
      assertTrue(result.contains(reason), result);
      assertEquals("duplicate", f.db.queryText("SELECT status FROM drop_files WHERE name = 'monday-again.csv'"));
      assertTrue(ftp.put("monday.csv", content), "the same name again is a duplicate too");
      ftp.await("/error/monday.result.csv");
      f.awaitTexts(List.of("+12025550131", "+12025550132"), 2);
      Api.sleep(500);
      assertEquals(1, f.textsTo("+12025550131").size(), "sent once");
      assertEquals(1, f.textsTo("+12025550132").size(), "sent once");
    }
  }

  @Test
  void onlyFinishedUploadsAtTheTopAreProcessed() {
    try (FtpSession ftp = login()) {
      assertTrue(ftp.put("processed/mine.csv", "First,Mobile\nFay,+12025550141\n"));
      assertTrue(ftp.put("error/mine.csv", "First,Mobile\nFay,+12025550141\n"));
      assertTrue(ftp.put("later.csv.part", "First,Mobile\nGus,+12025550142\n"));
      Api.sleep(1000);
      assertTrue(ftp.list("/").contains("later.csv.part"), "a .part file is still being written: it waits");
      assertFalse(ftp.list("/processed").contains("mine.result.csv"), "what the customer put in processed/ stays as it is");
      assertTrue(ftp.rename("later.csv.part", "later.csv"));
      ftp.await("/processed/later.result.csv");
      f.awaitTexts(List.of("+12025550142"), 1);
      assertEquals(List.of(), f.textsTo("+12025550141"));
      assertFalse(ftp.list("/processed").contains("mine.result.csv"));
      assertFalse(ftp.list("/error").contains("mine.result.csv"));
    }
  }

  @Test
  void aFileOfTenThousandRowsIsSentWhole() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    StringBuilder text = new StringBuilder("First,Mobile\n");
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String number = "+1312555" + String.format("%04d", i);
      text.append("P").append(i).append(',').append(number).append('\n');
      if (i % 2_500 == 0) {
        sample.add(number);
      }
    }
    file.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    try (FtpSession ftp = login()) {
      assertTrue(ftp.put("ten-thousand.csv", file.toByteArray()));
      String result = ftp.await("/processed/ten-thousand.result.csv");
      long job = jobOf("ten-thousand.csv");
      assertEquals("\"Row\",\"Column\",\"Value\",\"Reason\"\r\n\"Summary\",\"\",\"\",\"10000 rows: 10000 accepted, 0 rejected; job "
          + job + "\"\r\n",
          result);
      JsonObject done = f.admin.await("/api/v1/jobs/" + job, j -> j.getJsonObject("counts").getLong("queued") == 0
          && j.getJsonObject("counts").getLong("sending") == 0);
      assertEquals(10_000, done.getLong("total"));
      assertEquals(10_000, done.getJsonObject("counts").getLong("submitted") + done.getJsonObject("counts").getLong("delivered"),
          "every row went to the SMSC");
      assertEquals("drop", done.getString("kind"));
      assertEquals("ten-thousand.csv", done.getString("name"));
      assertEquals("bulk", done.getString("lane"));
      for (String number : sample) {
        assertEquals(List.of("Hi P" + Integer.parseInt(number.substring(8)) + ", see you soon"), f.textsTo(number));
      }
    }
  }

  /** The cells of one CSV line as Herald writes them (quoted when needed, "" for a quote). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
