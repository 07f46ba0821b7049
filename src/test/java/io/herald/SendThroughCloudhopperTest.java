package io.herald;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same flow against an SMPP server that is not jsmpp: cloudhopper-smpp's. */
class SendThroughCloudhopperTest {
  static TestDatabase db;
  static CloudhopperSmsc smsc;
  static Herald herald;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(50);
    herald = TestHerald.startUp(TestHerald.config(db, TestHerald.withPeer(smsc, 10, 1000)));
    api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }

  private List<CloudhopperSmsc.Submit> submitsTo(String destination) {
    return smsc.submits().stream().filter(s -> s.destination().equals(destination)).toList();
  }

  @Test
  void aTextReachesTheSmscAndItsReceiptDeliversIt() {
    long id = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550150").put("body", "Hello @ £5 {ok}")).json().getLong("id");
    JsonObject message = api.await("/api/v1/messages/" + id, m -> m.getString("status").equals("delivered"));
    List<CloudhopperSmsc.Submit> submits = submitsTo("12025550150");
    assertEquals(1, submits.size());
    CloudhopperSmsc.Submit submit = submits.get(0);
    assertEquals("Herald", submit.source());
    assertEquals(0x00, submit.dataCoding());
    // GSM 03.38 unpacked: @ is 0x00, £ is 0x01, { is the escape 0x1B then 0x28
    assertArrayEquals(new byte[] {'H', 'e', 'l', 'l', 'o', ' ', 0x00, ' ', 0x01, '5', ' ', 0x1B, 0x28, 'o', 'k', 0x1B, 0x29},
        submit.shortMessage());
    assertEquals(submit.messageId(), message.getJsonArray("parts").getJsonObject(0).getString("smscMessageId"));
  }

  @Test
  void aLongUnicodeTextArrivesInConcatenatedPartsThatReassembleExactly() {
    String body = "Bonjour 👋 votre rendez-vous est confirmé. À bientôt! ".repeat(3);
    long id = api.post("/api/v1/messages", new JsonObject().put("to", "+12025550151").put("body", body)).json().getLong("id");
    api.await("/api/v1/messages/" + id, m -> m.getString("status").equals("delivered"));
    List<CloudhopperSmsc.Submit> parts = submitsTo("12025550151");
    assertEquals(3, parts.size());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int reference = parts.get(0).shortMessage()[3] & 0xFF;
    for (int i = 0; i < parts.size(); i++) {
      CloudhopperSmsc.Submit part = parts.get(i);
      assertEquals(0x08, part.dataCoding());
      assertEquals(0x40, part.esmClass() & 0x40, "UDHI set");
      byte[] sm = part.shortMessage();
      assertArrayEquals(new byte[] {0x05, 0x00, 0x03, (byte) reference, 3, (byte) (i + 1)}, java.util.Arrays.copyOf(sm, 6));
      text.write(sm, 6, sm.length - 6);
    }
    assertEquals(body, text.toString(StandardCharsets.UTF_16BE));
  }
}
