package io.herald.smsc.simulator;

import static io.herald.testing.JsmppTestClient.messageState;
import static io.herald.testing.JsmppTestClient.receiptedMessageId;
import static io.herald.testing.JsmppTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.JsmppTestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmscSimulatorTest {
  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(5);

  private SmscSimulator simulator;

  @BeforeEach
  void start() throws IOException {
    simulator = new SmscSimulator(new SimulatorConfig(true, "127.0.0.1", 0, "herald", "secret", 50));
    simulator.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private JsmppTestClient bind(BindType type) throws IOException {
    return JsmppTestClient.bind(simulator.port(), type, "herald", "secret");
  }

  @Test
  void bindsAllThreeKindsAtOnce() throws IOException {
    try (JsmppTestClient trx = bind(BindType.BIND_TRX);
        JsmppTestClient tx = bind(BindType.BIND_TX);
        JsmppTestClient rx = bind(BindType.BIND_RX)) {
      assertTrue(simulator.port() > 0);
      assertEquals(SessionState.BOUND_TRX, trx.session().getSessionState());
      assertEquals(SessionState.BOUND_TX, tx.session().getSessionState());
      assertEquals(SessionState.BOUND_RX, rx.session().getSessionState());
    }
  }

  @Test
  void wrongCredentialsAreRefused() {
    assertEquals(0x0E, refusedBindStatus("herald", "wrong"));
    assertEquals(0x0F, refusedBindStatus("stranger", "secret"));
  }

  private int refusedBindStatus(String systemId, String password) {
    IOException e = assertThrows(IOException.class,
        () -> JsmppTestClient.bind(simulator.port(), BindType.BIND_TRX, systemId, password).close());
    return assertInstanceOf(NegativeResponseException.class, e.getCause()).getCommandStatus();
  }

  @Test
  void submitIsAnsweredThenReceiptedAsDelivered() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      String id = client.submit("+15550001234", "Hello from the Herald simulator test");
      DeliverSm receipt = client.nextDeliver(RECEIPT_WAIT);

      assertNotNull(receipt, "no receipt");
      assertTrue(receipt.isSmscDeliveryReceipt());
      assertEquals(id, receiptedMessageId(receipt));
      assertEquals(2, messageState(receipt));
      assertEquals("+15550001234", receipt.getSourceAddr());
      assertEquals("Herald", receipt.getDestAddress());
      DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
      assertEquals(id, parsed.getId());
      assertEquals(1, parsed.getDelivered());
      assertEquals("000", parsed.getError());
      assertTrue(text(receipt).matches("id:" + id + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10}"
          + " stat:DELIVRD err:000 text:Hello from the Heral"), text(receipt));
      assertEquals(1, simulator.submitsReceived());
    }
  }

  @Test
  void everySubmitGetsItsOwnId() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      String first = client.submit("+15550001234", "part 1");
      String second = client.submit("+15550001234", "part 2");
      assertNotEquals(first, second);
      assertEquals(Long.parseLong(first) + 1, Long.parseLong(second));
      List<String> receipted = List.of(
          receiptedMessageId(client.nextDeliver(RECEIPT_WAIT)), receiptedMessageId(client.nextDeliver(RECEIPT_WAIT)));
      assertTrue(receipted.containsAll(List.of(first, second)), receipted.toString());
    }
  }

  @Test
  void number0000IsUndeliverable() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      String id = client.submit("+15550000000", "doomed");
      DeliverSm receipt = client.nextDeliver(RECEIPT_WAIT);
      assertEquals(id, receiptedMessageId(receipt));
      assertEquals(5, messageState(receipt));
      assertTrue(text(receipt).contains(" dlvrd:000 "), text(receipt));
      assertTrue(text(receipt).contains(" stat:UNDELIV err:001 "), text(receipt));
    }
  }

  @Test
  void number0003Expires() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      client.submit("+15550000003", "late");
      DeliverSm receipt = client.nextDeliver(RECEIPT_WAIT);
      assertEquals(3, messageState(receipt));
      assertTrue(text(receipt).contains(" stat:EXPIRED "), text(receipt));
    }
  }

  @Test
  void number0001IsAnInvalidDestinationWithoutReceipt() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      NegativeResponseException e =
          assertThrows(NegativeResponseException.class, () -> client.submit("+15550000001", "nowhere"));
      assertEquals(0x0B, e.getCommandStatus());
      assertNull(client.nextDeliver(Duration.ofMillis(300)));
    }
  }

  @Test
  void number0002IsThrottledOnceThenAccepted() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      NegativeResponseException e =
          assertThrows(NegativeResponseException.class, () -> client.submit("+15550000002", "retry me"));
      assertEquals(0x58, e.getCommandStatus());
      String id = client.submit("+15550000002", "retry me");
      assertEquals(id, receiptedMessageId(client.nextDeliver(RECEIPT_WAIT)));
      assertNotNull(client.submit("+15550000002", "and again"));
    }
  }

  @Test
  void receiptOfATransmitterGoesToTheReceiverOfTheSameSystemId() throws Exception {
    try (JsmppTestClient tx = bind(BindType.BIND_TX); JsmppTestClient rx = bind(BindType.BIND_RX)) {
      String id = tx.submit("+15550001234", "split binds");
      assertEquals(id, receiptedMessageId(rx.nextDeliver(RECEIPT_WAIT)));
    }
  }

  @Test
  void receiptWaitsForTheEsmeToRebind() throws Exception {
    String id;
    try (JsmppTestClient tx = bind(BindType.BIND_TX)) {
      id = tx.submit("+15550001234", "nobody listening yet");
    }
    Thread.sleep(200); // past the receipt delay: the first attempt finds no receiver
    try (JsmppTestClient rx = bind(BindType.BIND_RX)) {
      assertEquals(id, receiptedMessageId(rx.nextDeliver(RECEIPT_WAIT)));
    }
  }

  @Test
  void answersEnquireLink() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      client.session().setEnquireLinkTimer(100); // jsmpp's client sends enquire_link after this much silence
      Thread.sleep(600);
      assertEquals(SessionState.BOUND_TRX, client.session().getSessionState());
      assertNotNull(client.submit("+15550001234", "still there"));
    }
  }

  @Test
  void closeLeavesNoThreadsBehind() throws Exception {
    try (JsmppTestClient client = bind(BindType.BIND_TRX)) {
      client.submit("+15550001234", "one");
      assertNotNull(client.nextDeliver(RECEIPT_WAIT));
      client.submit("+15550001234", "receipt still pending at close");
      simulator.close();

      assertFalse(threadAlive("herald-smsc-sim-"), "simulator threads left");
      // The client's own jsmpp threads end once it notices the closed socket.
      client.close();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while ((threadAlive("PDUReaderWorker-") || threadAlive("EnquireLinkSender-")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(threadAlive("PDUReaderWorker-") || threadAlive("EnquireLinkSender-"), "jsmpp session threads left");
  }

  private static boolean threadAlive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
  }
}
