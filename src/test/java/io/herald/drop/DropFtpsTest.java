package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a keystore configured, the FTP site offers explicit FTPS: AUTH TLS, then a protected data channel. */
class DropFtpsTest {
  @RegisterExtension
  static final DropFixture f = new DropFixture(DropFtpsTest::withKeystore);
  static JsonObject profile;

  /** A fresh self-signed keystore, made with the JDK's keytool, in the drop config. */
  static JsonObject withKeystore() throws Exception {
    Path keystore = Files.createTempDirectory("herald-ftps").resolve("ftps.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "ftps", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes()));
    return new JsonObject().put("drop", new JsonObject().put("keystore", keystore.toString())
        .put("keystorePassword", "changeit"));
  }

  @BeforeAll
  static void start() {
    profile = f.profile(new JsonObject().put("username", "secure").put("mobileColumn", 1).put("hasHeader", false)
        .put("template", "Sent over FTPS"));
  }

  @Test
  void aFileDroppedOverExplicitTlsIsSent() throws Exception {
    assertEquals("explicit", profile.getJsonObject("ftp").getString("tls"));
    FTPSClient client = new FTPSClient("TLS", false);
    client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    try (FtpSession ftp = FtpSession.connect(client, f.ftpPort())) {
      // connecting already said AUTH TLS: the control channel is encrypted from here
      client.execPBSZ(0);
      client.execPROT("P");
      assertTrue(ftp.login("secure", profile.getString("password")), ftp.reply());
      assertTrue(ftp.put("secure.csv", "+12025550701\n"));
      ftp.await("/processed/secure.result.csv");
      f.awaitTexts(List.of("+12025550701"), 1);
      assertEquals(List.of("Sent over FTPS"), f.textsTo("+12025550701"));
    }
  }
}
