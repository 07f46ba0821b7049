package io.herald.smsc.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.smsc.encoding.TextDecoder;
import io.herald.smsc.encoding.TextEncoder;
import io.herald.smsc.encoding.Udh;
import io.herald.testing.JsmppTestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a reply from the simulator looks like on the wire to an ESME (a bare jsmpp client here). */
class SimulatorReplyWireTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private SmscSimulator simulator;

  @BeforeEach
  void start() throws IOException {
    simulator = new SmscSimulator(new SimulatorConfig(true, "127.0.0.1", 0, "herald", "secret", 60_000));
    simulator.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void aReplyIsAnMoFromTheInternationalNumberToTheSender() throws Exception {
    try (JsmppTestClient rx = JsmppTestClient.bind(simulator.port(), BindType.BIND_RX, "herald", "secret")) {
      assertEquals(1, simulator.sendReply("+447911123456", "+12025550100", TextEncoder.encode("Ça va? {ok}")));
      DeliverSm mo = rx.nextDeliver(WAIT);
      assertNotNull(mo);
      assertFalse(mo.isSmscDeliveryReceipt());
      assertEquals(0, mo.getEsmClass());
      assertEquals("447911123456", mo.getSourceAddr());
      assertEquals(1, mo.getSourceAddrTon());
      assertEquals(1, mo.getSourceAddrNpi());
      assertEquals("12025550100", mo.getDestAddress());
      assertEquals(0x00, mo.getDataCoding());
      assertEquals("Ça va? {ok}", TextDecoder.decode(mo.getShortMessage(), mo.getDataCoding()));

      assertEquals(1, simulator.sendReply("+447911123456", "Herald", TextEncoder.encode("Спасибо")));
      DeliverSm ucs2 = rx.nextDeliver(WAIT);
      assertEquals("Herald", ucs2.getDestAddress());
      assertEquals(5, ucs2.getDestAddrTon(), "alphanumeric");
      assertEquals(0x08, ucs2.getDataCoding());
      assertEquals("Спасибо", TextDecoder.decode(ucs2.getShortMessage(), ucs2.getDataCoding()));
    }
  }

  @Test
  void aLongReplyGoesInPartsWithAConcatenationHeader() throws Exception {
    try (JsmppTestClient trx = JsmppTestClient.bind(simulator.port(), BindType.BIND_TRX, "herald", "secret")) {
      String text = "a".repeat(200);
      assertEquals(2, simulator.sendReply("+12025550143", "12345", TextEncoder.encode(text)));
      StringBuilder whole = new StringBuilder();
      Integer reference = null;
      for (int seq = 1; seq <= 2; seq++) {
        DeliverSm part = trx.nextDeliver(WAIT);
        assertEquals(0x40, part.getEsmClass() & 0x40, "UDHI");
        Udh.Parsed parsed = Udh.parse(part.getShortMessage());
        assertEquals(2, parsed.concat().total());
        assertEquals(seq, parsed.concat().sequence());
        reference = reference == null ? parsed.concat().reference() : reference;
        assertEquals(reference, parsed.concat().reference());
        whole.append(TextDecoder.decode(parsed.payload(), part.getDataCoding()));
      }
      assertEquals(text, whole.toString());
    }
  }

  @Test
  void withOnlyATransmitterBoundThereIsNoSessionToDeliverOn() throws Exception {
    try (JsmppTestClient tx = JsmppTestClient.bind(simulator.port(), BindType.BIND_TX, "herald", "secret")) {
      ReplyFailure failure = assertThrows(ReplyFailure.class,
          () -> simulator.sendReply("+12025550143", "Herald", TextEncoder.encode("STOP")));
      assertEquals(ReplyFailure.Reason.NO_SESSION, failure.reason());
      assertEquals("the simulator has no bound session to deliver on", failure.getMessage());
      assertEquals(0, simulator.receivers());
    }
  }

  @Test
  void itRemembersWhereTheLastMessageToANumberCameFrom() throws Exception {
    try (JsmppTestClient trx = JsmppTestClient.bind(simulator.port(), BindType.BIND_TRX, "herald", "secret")) {
      assertEquals(Optional.empty(), simulator.lastSenderTo("+12025550143"));
      trx.submit("12025550143", "hello");
      assertEquals(Optional.of("Herald"), simulator.lastSenderTo("+12025550143"));
      assertEquals(1, simulator.receivers());
    }
  }
}
