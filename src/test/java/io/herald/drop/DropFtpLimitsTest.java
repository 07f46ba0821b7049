package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Api;
import io.herald.testing.FtpSession;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the FTP site refuses: active mode (no FTP bounce), creating through links, connections past
 * their limits, uploads past the size limit or the profile's quota, and a session whose password
 * was changed.
 */
class DropFtpLimitsTest {
  static final long QUOTA = 4_000;
  static final long MAX_FILE = 3_000;
  @RegisterExtension
  static final DropFixture f = new DropFixture(() -> new JsonObject().put("drop", new JsonObject().put("failedLoginDelayMillis", 0)
        .put("quotaBytes", QUOTA).put("maxFileBytes", MAX_FILE).put("maxConnections", 6).put("maxConnectionsPerAddress", 4)));

  private static JsonObject profile(String username) {
    return f.profile(new JsonObject().put("username", username).put("mobileColumn", 1).put("hasHeader", false)
        .put("template", "Hello"));
  }

  private static Path home(JsonObject profile) {
    return f.herald.config().drop().directory().resolve(Long.toString(profile.getLong("id")));
  }

  private static FtpSession login(JsonObject profile) {
    FtpSession ftp = FtpSession.connect(f.ftpPort());
    assertTrue(ftp.login(profile.getString("username"), profile.getString("password")), ftp.reply());
    return ftp;
  }

  @Test
  void activeModeIsRefusedSoTheSiteConnectsNowhere() throws Exception {
    JsonObject profile = profile("bounce");
    try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); FtpSession ftp = login(profile)) {
      Files.writeString(home(profile).resolve("processed").resolve("old.csv"), "+12025550100\n");
      target.setSoTimeout(1_000);
      int port = target.getLocalPort();
      assertEquals(501, ftp.command("PORT", "127,0,0,1," + (port >> 8) + "," + (port & 0xff)), ftp.reply());
      assertEquals("501 PORT is disabled.", ftp.reply());
      assertEquals(501, ftp.command("EPRT", "|1|127.0.0.1|" + port + "|"), ftp.reply());
      ftp.command("RETR", "/processed/old.csv");
      try (Socket connected = target.accept()) {
        throw new AssertionError("the FTP site connected to " + connected.getRemoteSocketAddress());
      } catch (SocketTimeoutException expected) {
        // nothing came
      }
    }
  }

  @Test
  void nothingIsCreatedThroughALinkThatLeadsNowhere() throws Exception {
    JsonObject profile = profile("links");
    Path outside = Files.createTempDirectory("herald-outside");
    Path target = outside.resolve("created.csv");
    try (FtpSession ftp = login(profile)) {
      Files.createSymbolicLink(home(profile).resolve("planted.csv"), target);
      assertFalse(ftp.put("/planted.csv", "+12025550101\n"), "a dangling link is not a place to write");
      assertFalse(ftp.put("planted.csv", "+12025550101\n"));
      assertEquals(257, ftp.command("MKD", "real"), ftp.reply());
      Files.createSymbolicLink(home(profile).resolve("real").resolve("inner.csv"), target);
      assertFalse(ftp.put("/real/inner.csv", "x"));
      assertFalse(ftp.rename("/real", "/planted.csv"), "nor is it a name to move a folder to");
    }
    assertFalse(Files.exists(target), "nothing was written outside the home");
  }

  @Test
  void uploadsPastTheSizeLimitOrTheQuotaStopAndAreNotKept() throws Exception {
    JsonObject profile = profile("quota");
    try (FtpSession ftp = login(profile)) {
      assertFalse(ftp.put("big.csv", new byte[(int) MAX_FILE + 1]));
      String big = ftp.await("/error/big.result.csv");
      assertTrue(big.contains("the file is larger than the limit of 3000 bytes (drop.maxFileBytes), so the upload was"
          + " stopped and not kept: split it into smaller files"), big);
      assertFalse(ftp.list("/error").contains("big.csv"), "the part that came is removed");
      assertFalse(ftp.list("/").contains("big.csv"));

      assertEquals(257, ftp.command("MKD", "kept"), ftp.reply());
      long used = sizeOf(home(profile));
      assertTrue(ftp.put("/kept/archive.csv", new byte[(int) (QUOTA - used - 1_000)]), ftp.reply());
      assertFalse(ftp.put("more.csv", new byte[1_500]), "the quota leaves room for 1,000 bytes, not 1,500");
      String more = ftp.await("/error/more.result.csv");
      assertTrue(more.contains("the drop profile's storage of 4000 bytes (drop.quotaBytes) is full, so the upload was"
          + " stopped and not kept: delete files in processed/ and error/ to make room"), more);
      assertFalse(ftp.list("/error").contains("more.csv"));
      assertTrue(sizeOf(home(profile)) <= QUOTA, "the home holds no more than its quota");
    }
    JsonObject report = f.admin.get("/api/v1/reports/drops").json();
    assertTrue(report.encode().contains("drop.quotaBytes"), report.encode());
  }

  @Test
  void connectionsAreLimitedPerAddressAndInAll() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        held.add(open("127.0.0.1"));
        assertTrue(greeting(held.get(i)).startsWith("220"));
      }
      try (Socket fifth = open("127.0.0.1")) {
        assertEquals("421 Too many connections from your address (4): close some and try again.", greeting(fifth));
      }
      held.add(open("127.0.0.2"));
      held.add(open("127.0.0.2"));
      assertTrue(greeting(held.get(5)).startsWith("220"));
      try (Socket seventh = open("127.0.0.3")) {
        assertEquals("421 Too many connections to this site (6): try again later.", greeting(seventh));
      }
      held.remove(0).close();
      awaitGreeting("127.0.0.1", "220");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aNewPasswordEndsTheSessionsThatUsedTheOldOne() {
    JsonObject profile = profile("rotate");
    try (FtpSession ftp = login(profile)) {
      assertTrue(ftp.noop());
      Api.Response changed = f.asAdmin("POST", "/api/v1/drop-profiles/" + profile.getLong("id") + "/password", new JsonObject());
      assertEquals(200, changed.status(), changed.body());
      assertFalse(ftp.noop());
      assertEquals("421 The password of this drop profile has been changed: log in again with the new one.", ftp.reply());
      assertFalse(ftp.put("late.csv", "+12025550102\n"));
      JsonObject renewed = profile.copy().put("password", changed.json().getString("password"));
      try (FtpSession again = FtpSession.connect(f.ftpPort())) {
        assertFalse(again.login("rotate", profile.getString("password")), "the old password no longer works");
      }
      try (FtpSession again = login(renewed)) {
        assertTrue(again.noop());
      }
    }
    assertEquals(List.of(), f.textsTo("+12025550102"));
  }

  private static long sizeOf(Path home) throws IOException {
    try (var files = Files.walk(home)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static Socket open(String from) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", f.ftpPort()), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String greeting(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
  }

  /** A closed connection frees its place once the site has seen it go. */
  private static void awaitGreeting(String from, String code) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String last = null;
    while (System.nanoTime() < deadline) {
      try (Socket s = open(from)) {
        last = greeting(s);
        if (last.startsWith(code)) {
          return;
        }
      }
      Api.sleep(100);
    }
    throw new AssertionError("last greeting: " + last);
  }
}
