package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With drop.activeMode on, PORT and EPRT are taken only towards the client's own address. */
class DropFtpActiveModeTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject().put("drop", new JsonObject().put("activeMode", true)));

  @Test
  void activeModeConnectsOnlyBackToTheClient() {
    JsonObject profile = f.profile(new JsonObject().put("username", "active").put("mobileColumn", 1)
        .put("hasHeader", false).put("template", "x"));
    try (FtpSession ftp = FtpSession.connect(f.ftpPort())) {
      assertTrue(ftp.login("active", profile.getString("password")), ftp.reply());
      assertEquals(200, ftp.command("PORT", "127,0,0,1,200,10"), ftp.reply());
      int other = ftp.command("PORT", "127,0,0,2,200,10");
      assertTrue(other >= 500, "another address is refused: " + ftp.reply());
      int otherExtended = ftp.command("EPRT", "|1|127.0.0.2|51210|");
      assertTrue(otherExtended >= 500, "another address is refused: " + ftp.reply());
    }
  }
}
