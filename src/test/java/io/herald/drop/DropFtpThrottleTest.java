package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FTP log-ins go through the one log-in throttle: failures count per user name from an address and
 * per address, and a success forgets only its own user name's failures.
 */
class DropFtpThrottleTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject().put("drop", new JsonObject().put("failedLoginDelayMillis", 0))
        .put("logins", new JsonObject().put("windowSeconds", 10).put("maxPerLoginAndAddress", 3).put("maxPerAddress", 8)));
  static JsonObject mine;
  static JsonObject theirs;

  @BeforeAll
  static void start() throws Exception {
    mine = f.profile(new JsonObject().put("username", "mine").put("mobileColumn", 1).put("hasHeader", false)
        .put("template", "x"));
    theirs = f.profile(new JsonObject().put("username", "theirs").put("mobileColumn", 1).put("hasHeader", false)
        .put("template", "x"));
  }

  @Test
  void guessesAgainstAnotherProfileAreNotForgivenByLoggingInToOnesOwn() {
    for (int i = 1; i <= 3; i++) {
      assertTrue(logIn(mine, mine.getString("password")), "logging in to one's own profile works");
      assertFalse(logIn(theirs, "guess-" + i));
    }
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertFalse(ftp.login("theirs", theirs.getString("password")), "locked: not even the right password is looked at");
      assertEquals("421 Too many failed log-ins for this user from your address: try again in 1 minute.", ftp.reply());
    }
    assertTrue(logIn(mine, mine.getString("password")), "the lock is on the name, not on the address");
    for (int i = 1; i <= 5; i++) {
      assertFalse(logIn(new JsonObject().put("username", "nobody" + i), "guess"));
      assertTrue(i == 5 || logIn(mine, mine.getString("password")));
    }
    assertEquals("421 Too many failed log-ins from your address: try again in 1 minute.", FtpSession.greeting(f.ftpPort()),
        "eight failures from one address block it, whatever the names and the successes in between");
    FtpSession.awaitUnblocked(f.ftpPort());
    assertTrue(logIn(theirs, theirs.getString("password")), "once the failures age out, the right password works");
  }

  private static boolean logIn(JsonObject profile, String password) {
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      return ftp.login(profile.getString("username"), password);
    }
  }
}
