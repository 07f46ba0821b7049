package io.herald.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.SmscConfig;
import io.herald.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMPP session against a scripted SMSC on a loopback socket, for what a well-behaved SMSC
 * never does: answer late or not at all, send commands Herald does not know, split or join PDUs
 * across TCP segments, send more deliver_sm than Herald will hold unanswered.
 */
class SmppSessionTest {
  private static final DefaultComposer PDUS = new DefaultComposer();
  private Vertx vertx;
  private Context context; // the session's: it is used on one context only
  private NetClient client;
  private ScriptedSmsc smsc;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    client = vertx.createNetClient();
    smsc = new ScriptedSmsc();
  }

  @AfterEach
  void stop() throws Exception {
    smsc.close();
    Await.result(vertx.close());
  }

  @Test
  void aSubmitTheSmscNeverAnswersFailsAfterTheResponseTimeoutAndItsLateResponseIsIgnored() throws Exception {
    SmppSession session = bind(config(400, 60), deliverSm -> Future.succeededFuture(0));
    byte[] submit = onContext(() -> PDUS.submitSm(session.nextSequence(), null, (byte) 1, (byte) 1, "15550100", (byte) 1,
        (byte) 1, "447700900123", (byte) 0, (byte) 0, (byte) 1, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0,
        "hello".getBytes()));
    Future<SmppSession.Response> response = onContextFuture(() -> session.request(submit));
    byte[] received = smsc.next();
    assertEquals(SMPPConstant.CID_SUBMIT_SM, commandId(received));
    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> Await.result(response));
    assertInstanceOf(SmppSession.NoResponse.class, failed.getCause());
    smsc.send(PDUS.submitSmResp(sequence(received), "late"));
    // the session is still usable: the SMSC's enquire_link is answered with its own sequence number
    smsc.send(PDUS.enquireLink(77));
    byte[] answer = smsc.next();
    assertEquals(SMPPConstant.CID_ENQUIRE_LINK_RESP, commandId(answer));
    assertEquals(77, sequence(answer));
    assertTrue(onContext(session::isOpen));
  }

  @Test
  void pdusSplitAcrossSegmentsOrJoinedInOneAreReadWholeAndUnknownCommandsGetGenericNack() throws Exception {
    bind(config(5_000, 60), deliverSm -> Future.succeededFuture(0));
    byte[] first = PDUS.enquireLink(11);
    byte[] second = PDUS.enquireLink(12);
    byte[] unknown = ByteBuffer.allocate(16).putInt(16).putInt(0x00000777).putInt(0).putInt(13).array();
    for (byte b : first) {
      smsc.sendRaw(new byte[] {b}); // one byte a segment
      Thread.sleep(2);
    }
    smsc.sendRaw(join(second, unknown)); // two PDUs in one segment
    assertEquals(11, sequence(smsc.next()));
    assertEquals(12, sequence(smsc.next()));
    byte[] nack = smsc.next();
    assertEquals(SMPPConstant.CID_GENERIC_NACK, commandId(nack));
    assertEquals(SMPPConstant.STAT_ESME_RINVCMDID, status(nack));
    assertEquals(13, sequence(nack));
  }

  @Test
  void anUnansweredEnquireLinkClosesTheSession() throws Exception {
    SmppSession session = bind(config(300, 1), deliverSm -> Future.succeededFuture(0));
    byte[] enquire = smsc.next(); // the line has been quiet for the enquire-link interval
    assertEquals(SMPPConstant.CID_ENQUIRE_LINK, commandId(enquire));
    String reason = Await.result(onContextFuture(session::closed));
    assertEquals("no answer to enquire_link within 300 ms", reason);
  }

  @Test
  void aDeliverSmIsAnsweredWhenStoredWithTheHandlersStatusAndABurstBeyondTheLimitIsAskedAgain() throws Exception {
    List<Promise<Integer>> stores = new CopyOnWriteArrayList<>();
    bind(config(5_000, 60), deliverSm -> {
      Promise<Integer> stored = Promise.promise();
      stores.add(stored);
      return stored.future();
    });
    int limit = 1_000; // max(1,000, window × 20) with a window of 10
    for (int seq = 1; seq <= limit + 1; seq++) {
      smsc.send(PDUS.deliverSm(seq, "", (byte) 1, (byte) 1, "447700900123", (byte) 1, (byte) 1, "15550100", (byte) 0,
          (byte) 0, (byte) 0, (byte) 0, (byte) 0, "hi".getBytes()));
    }
    byte[] refused = smsc.next();
    assertEquals(SMPPConstant.CID_DELIVER_SM_RESP, commandId(refused));
    assertEquals(limit + 1, sequence(refused), "only the one beyond the limit is answered at once");
    assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, status(refused));
    assertNull(smsc.poll(200), "the others wait for their store");
    Await.until("every deliver_sm handed on", () -> stores.size() == limit);
    context.runOnContext(v -> stores.get(4).complete(CommandStatus.ESME_RSYSERR));
    byte[] failed = smsc.next();
    assertEquals(5, sequence(failed));
    assertEquals(CommandStatus.ESME_RSYSERR, status(failed), "not stored: the SMSC is asked to deliver it again");
    context.runOnContext(v -> stores.get(0).complete(0));
    byte[] stored = smsc.next();
    assertEquals(1, sequence(stored));
    assertEquals(0, status(stored));
  }

  private SmppSession bind(SmscConfig config, Function<DeliverSm, Future<Integer>> deliveries) throws Exception {
    CompletableFuture<SmppSession> bound = new CompletableFuture<>();
    context.runOnContext(v -> SmppSession.bind(vertx, client, config, BindType.BIND_TRX, deliveries)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            bound.complete(ar.result());
          } else {
            bound.completeExceptionally(ar.cause());
          }
        }));
    byte[] bind = smsc.next();
    assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER, commandId(bind));
    smsc.send(PDUS.bindResp(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, sequence(bind), "scripted"));
    return bound.get(5, TimeUnit.SECONDS);
  }

  private SmscConfig config(long responseTimeoutMillis, int enquireLinkSeconds) {
    return new SmscConfig("scripted", "127.0.0.1", smsc.port(), "herald", "secret", "", 10, 100, enquireLinkSeconds,
        responseTimeoutMillis, 100, 1_000, SmscConfig.BindMode.TRX, -1, -1, SmscConfig.DataCoding.GSM, "auto",
        SmscConfig.Split.UDH, 6, 48);
  }

  /** Runs on the session's context. */
  private <T> T onContext(java.util.concurrent.Callable<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(action.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(5, TimeUnit.SECONDS);
  }

  private <T> Future<T> onContextFuture(java.util.function.Supplier<Future<T>> action) throws Exception {
    return onContext(action::get);
  }

  private static int commandId(byte[] pdu) {
    return ByteBuffer.wrap(pdu).getInt(4);
  }

  private static int status(byte[] pdu) {
    return ByteBuffer.wrap(pdu).getInt(8);
  }

  private static int sequence(byte[] pdu) {
    return ByteBuffer.wrap(pdu).getInt(12);
  }

  private static byte[] join(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  /** One ESME at a time: what it sent, PDU by PDU, and a way to write bytes back. */
  private static final class ScriptedSmsc implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();
    private final Thread reader;

    ScriptedSmsc() throws IOException {
      reader = new Thread(this::read, "scripted-smsc");
      reader.setDaemon(true);
      reader.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void read() {
      try {
        Socket socket = server.accept();
        accepted.complete(socket);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
          int length = in.readInt();
          byte[] pdu = new byte[length];
          ByteBuffer.wrap(pdu).putInt(length);
          in.readFully(pdu, 4, length - 4);
          received.add(pdu);
        }
      } catch (IOException closed) {
        // the test is over
      }
    }

    byte[] next() throws InterruptedException {
      byte[] pdu = received.poll(5, TimeUnit.SECONDS);
      assertTrue(pdu != null, "a PDU from Herald within 5 s");
      return pdu;
    }

    byte[] poll(long millis) throws InterruptedException {
      return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    void send(byte[] pdu) throws Exception {
      sendRaw(pdu);
    }

    void sendRaw(byte[] bytes) throws Exception {
      OutputStream out = accepted.get(5, TimeUnit.SECONDS).getOutputStream();
      out.write(bytes);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
      Socket socket = accepted.getNow(null);
      if (socket != null) {
        socket.close();
      }
    }
  }
}
