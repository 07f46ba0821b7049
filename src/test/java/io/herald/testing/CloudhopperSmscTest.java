package io.herald.testing;

import static io.herald.testing.JsmppTestClient.messageState;
import static io.herald.testing.JsmppTestClient.receiptedMessageId;
import static io.herald.testing.JsmppTestClient.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudhopperSmscTest {
  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(5);

  private CloudhopperSmsc smsc;

  @BeforeEach
  void start() throws Exception {
    smsc = CloudhopperSmsc.start("herald", "secret");
    smsc.receiptDelayMillis(50);
  }

  @AfterEach
  void stop() {
    smsc.close();
  }

  private JsmppTestClient bind(BindType type) throws IOException {
    return JsmppTestClient.bind(smsc.port(), type, "herald", "secret");
  }

  @Test
  void recordsTheSubmitAndSendsAReceipt() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      String id = client.submit("+15550001234", "Hello from cloudhopper, a long text");
      DeliverSm receipt = client.nextDeliver(RECEIPT_WAIT);

      assertEquals("1", id);
      assertNotNull(receipt, "no receipt");
      assertTrue(receipt.isSmscDeliveryReceipt());
      assertEquals(id, receiptedMessageId(receipt));
      assertEquals(2, messageState(receipt));
      assertEquals(id, receipt.getShortMessageAsDeliveryReceipt().getId());
      assertTrue(text(receipt).matches("id:1 sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10}"
          + " stat:DELIVRD err:000 text:Hello from cloudhopp"), text(receipt));

      List<CloudhopperSmsc.Submit> submits = smsc.submits();
      assertEquals(1, submits.size());
      CloudhopperSmsc.Submit submit = submits.get(0);
      assertEquals("Herald", submit.source());
      assertEquals("+15550001234", submit.destination());
      assertEquals(0, submit.dataCoding());
      assertArrayEquals("Hello from cloudhopper, a long text".getBytes(StandardCharsets.ISO_8859_1),
          submit.shortMessage());
      assertNull(submit.messagePayloadTlv());
      assertEquals(id, submit.messageId());
      assertEquals(1, smsc.bindCount());
      assertEquals(1, smsc.submitsPerSecond().values().stream().mapToInt(Integer::intValue).sum());
    }
  }

  @Test
  void receiptIdsCanBeHexWhileResponsesAreDecimal() throws Exception {
    smsc.messageIdFormat(n -> Long.toString(4094 + n));
    smsc.receiptIdFormat(id -> Long.toHexString(Long.parseLong(id)));
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      assertEquals("4095", client.submit("+15550001234", "hex"));
      DeliverSm receipt = client.nextDeliver(RECEIPT_WAIT);
      assertEquals("fff", receiptedMessageId(receipt));
      assertTrue(text(receipt).startsWith("id:fff "), text(receipt));
    }
  }

  @Test
  void responderRefusesWithoutReceipt() throws Exception {
    smsc.responder(submit -> submit.destination().endsWith("99") ? 0x58 : 0);
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      NegativeResponseException e =
          assertThrows(NegativeResponseException.class, () -> client.submit("+15550000099", "throttled"));
      assertEquals(0x58, e.getCommandStatus());
      assertNull(client.nextDeliver(Duration.ofMillis(300)));
      assertNull(smsc.submits().get(0).messageId());
    }
  }

  @Test
  void receiptCanOvertakeTheResponse() throws Exception {
    smsc.receiptBeforeResponse(true);
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      String id = client.submit("+15550001234", "race");
      assertEquals(id, receiptedMessageId(client.nextDeliver(RECEIPT_WAIT)));
    }
  }

  @Test
  void transmitterReceiptsGoToTheReceiver() throws Exception {
    try (JsmppTestClient tx = bind(BindType.BIND_TX); JsmppTestClient rx = bind(BindType.BIND_RX)) {
      String id = tx.submit("+15550001234", "split binds");
      assertEquals(id, receiptedMessageId(rx.nextDeliver(RECEIPT_WAIT)));
      assertEquals(2, smsc.bindCount());
    }
  }

  @Test
  void dropsConnectionsAfterNSubmitsAndAcceptsRebinds() throws Exception {
    smsc.receiptDelayMillis(500); // receipts fall due while the ESME is disconnected
    smsc.dropConnectionsAfter(2);
    List<String> ids;
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      ids = List.of(client.submit("+15550001234", "one"), client.submit("+15550001234", "two"));
      awaitState(client, SessionState.CLOSED);
    }
    try (JsmppTestClient again = bind(BindType.BIND_TRX)) {
      assertEquals(2, smsc.bindCount());
      List<String> receipted = List.of(
          receiptedMessageId(again.nextDeliver(RECEIPT_WAIT)), receiptedMessageId(again.nextDeliver(RECEIPT_WAIT)));
      assertTrue(receipted.containsAll(ids), receipted.toString());
      assertNotNull(again.submit("+15550001234", "three"));
      Thread.sleep(200);
      assertEquals(SessionState.BOUND_TRX, again.session().getSessionState(), "one-shot: no second drop");
    }
  }

  @Test
  void sendsMobileOriginatedMessages() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      int status = smsc.sendMo("+15550009876", "Herald", "STOP".getBytes(StandardCharsets.ISO_8859_1), 0, 0,
          Map.of((short) 0x020C, new byte[] {0, 7})).get(5, TimeUnit.SECONDS);
      assertEquals(0, status);
      DeliverSm mo = client.nextDeliver(RECEIPT_WAIT);
      assertFalse(mo.isSmscDeliveryReceipt());
      assertEquals("STOP", text(mo));
      assertEquals("+15550009876", mo.getSourceAddr());
    }
  }

  private static void awaitState(JsmppTestClient client, SessionState state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (client.session().getSessionState() != state && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(state, client.session().getSessionState());
  }
}
