package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The FTP site keeps each profile in its home, slows and blocks password guessing, and follows profile changes live. */
class DropFtpSecurityTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject().put("drop", new JsonObject().put("failedLoginDelayMillis", 100))
        .put("logins", new JsonObject().put("windowSeconds", 2).put("maxPerLoginAndAddress", 3).put("maxPerAddress", 3)));
  static JsonObject profile;
  static String password;

  @BeforeAll
  static void start() throws Exception {
    profile = f.profile(new JsonObject().put("username", "school").put("mobileColumn", 1)
        .put("hasHeader", false).put("template", "School is closed today"));
    password = profile.getString("password");
  }

  private static Path home() {
    return f.herald.config().drop().directory().resolve(Long.toString(profile.getLong("id")));
  }

  private FtpSession login() {
    FtpSession ftp = FtpSession.connect(f.ftpPort());
    assertTrue(ftp.login("school", password), ftp.reply());
    return ftp;
  }

  @Test
  void aProfileSeesItsHomeAndNothingAboveIt() throws Exception {
    Path outside = Files.createTempDirectory("herald-outside");
    Files.writeString(outside.resolve("secret.csv"), "not yours");
    try (FtpSession ftp = login()) {
      Files.createSymbolicLink(home().resolve("elsewhere"), outside);
      Files.createSymbolicLink(home().resolve("secret-link.csv"), outside.resolve("secret.csv"));
      assertEquals("/", ftp.pwd());
      assertTrue(ftp.cd(".."));
      assertEquals("/", ftp.pwd(), "there is nothing above the home");
      assertTrue(ftp.cd("/../../.."));
      assertEquals("/", ftp.pwd());
      assertNull(ftp.get("../../../../../../etc/hostname"));
      assertNull(ftp.get("/etc/passwd"));
      assertFalse(ftp.list("/").contains("elsewhere"), "a link that leads out of the home is not shown");
      assertFalse(ftp.list("/").contains("secret-link.csv"));
      assertFalse(ftp.cd("/elsewhere"));
      assertNull(ftp.get("/elsewhere/secret.csv"));
      assertNull(ftp.get("/secret-link.csv"));
      assertFalse(ftp.put("/elsewhere/planted.csv", "x"));
      assertFalse(Files.exists(outside.resolve("planted.csv")));
      assertTrue(ftp.put("../../up.txt", "stays home"), "a path with .. lands in the home");
      ftp.await("/error/up.txt.result.csv");
      assertTrue(Files.exists(home().resolve("error").resolve("up.txt")), "it was in the home, and went to its error/");
      assertFalse(Files.exists(home().getParent().resolve("up.txt")));
      assertFalse(ftp.rename("/processed", "/gone"), "processed/ and error/ stay where they are");
    } finally {
      Files.deleteIfExists(home().resolve("elsewhere"));
      Files.deleteIfExists(home().resolve("secret-link.csv"));
    }
  }

  @Test
  void anonymousAndWrongPasswordsAreRefused() {
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertFalse(ftp.login("anonymous", "guest@example.com"));
      assertEquals(530, ftp.replyCode());
    }
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertFalse(ftp.login("nobody", "whatever-password"));
      assertEquals(530, ftp.replyCode());
    }
    FtpSession.awaitUnblocked(f.ftpPort());
  }

  @Test
  void repeatedFailedLoginsBlockTheAddressForAWhile() {
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertFalse(ftp.login("school", "wrong-1"));
      assertFalse(ftp.login("school", "wrong-2"));
      assertFalse(ftp.login("school", "wrong-3"));
      assertFalse(ftp.noop(), "the third failure closes the session");
    }
    assertEquals("421 Too many failed log-ins from your address: try again in 1 minute.", FtpSession.greeting(f.ftpPort()));
    FtpSession.awaitUnblocked(f.ftpPort());
    try (FtpSession ftp = login()) {
      assertTrue(ftp.noop(), "after the block time the right password works again");
    }
  }

  @Test
  void aProfileDisabledWhileConnectedIsLoggedOutAtItsNextCommand() {
    try (FtpSession ftp = login()) {
      assertTrue(ftp.noop());
      Api.Response off = f.asAdmin("PATCH", "/api/v1/drop-profiles/" + profile.getLong("id"),
          new JsonObject().put("enabled", false));
      assertEquals(200, off.status(), off.body());
      assertFalse(off.json().getBoolean("enabled"));
      assertFalse(ftp.noop());
      assertEquals(421, ftp.replyCode());
      assertEquals("421 This drop profile has been disabled: you are logged out.", ftp.reply());
    }
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertFalse(ftp.login("school", password), "a disabled profile cannot log in");
    }
    Api.Response upload = f.upload(profile.getLong("id"), "?name=closed.csv", "+12025550601\n".getBytes());
    assertEquals(422, upload.status());
    assertEquals("the drop profile school is disabled, so the file was not processed", upload.json().getString("reason"));
    assertEquals(200, f.asAdmin("PATCH", "/api/v1/drop-profiles/" + profile.getLong("id"),
        new JsonObject().put("enabled", true)).status());
    FtpSession.awaitUnblocked(f.ftpPort());
    try (FtpSession ftp = login()) {
      assertTrue(ftp.noop());
      // the operator turns Drop & Go off for the whole account
      assertEquals(200, f.asOperator("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", false)).status());
      assertFalse(ftp.noop());
      assertEquals(421, ftp.replyCode());
    } finally {
      assertEquals(200, f.asOperator("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", true)).status());
    }
    assertEquals(List.of(), f.textsTo("+12025550601"));
  }
}
