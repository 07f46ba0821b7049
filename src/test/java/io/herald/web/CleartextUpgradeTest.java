package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.herald.testing.HeraldHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request asking to upgrade to cleartext HTTP/2 (h2c) is answered as HTTP/1.1: behind a TLS
 * proxy an upgraded connection would carry later requests past the proxy's rules.
 */
class CleartextUpgradeTest {
  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withDefaults();

  @Test
  void anH2cUpgradeIsRefusedAndTheRequestAnsweredInHttp11() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), h.herald.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
          + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertEquals("HTTP/1.1 200 OK", in.readLine(), "answered as HTTP/1.1, not 101 Switching Protocols");
      for (String header; !(header = in.readLine()).isEmpty(); ) {
        assertFalse(header.toLowerCase(java.util.Locale.ROOT).startsWith("upgrade:"), header);
      }
    }
  }
}
