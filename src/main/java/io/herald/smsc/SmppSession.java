package io.herald.smsc;

import io.herald.config.SmscConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP session with an SMSC on a Vert.x socket: every PDU is written and read on the
 * connection's event loop, so a window of submits needs no thread each. jsmpp composes and
 * decomposes the PDUs; this class frames them, matches responses to requests by sequence number
 * (failing those unanswered within the response timeout), answers enquire_link and unbind, sends
 * enquire_link when the line has been quiet, and hands deliver_sm to its handler, answering each
 * with the status the handler's future gives. Use it only on the context that connected it.
 */
final class SmppSession {
  private static final Logger log = LoggerFactory.getLogger(SmppSession.class);
  private static final int HEADER = 16;
  private static final int MAX_PDU = 70_000;
  private static final DefaultComposer COMPOSER = new DefaultComposer();
  private static final DefaultDecomposer DECOMPOSER = new DefaultDecomposer();

  /** A response (or generic_nack) to one request: its command id, status and whole PDU. */
  record Response(int commandId, int status, byte[] pdu) {}

  /** A request that got no response within the response timeout. */
  static final class NoResponse extends Exception {
    NoResponse(String message) {
      super(message, null, false, false);
    }
  }

  /** The session closed before the request was answered. */
  static final class Closed extends Exception {
    Closed(String message) {
      super(message, null, false, false);
    }
  }

  private record Pending(Promise<Response> promise, long deadline) {}

  private final Vertx vertx;
  private final NetSocket socket;
  private final SmscConfig config;
  private final Function<DeliverSm, Future<Integer>> deliveries;
  private final Map<Integer, Pending> pending = new LinkedHashMap<>();
  private final Promise<String> closed = Promise.promise();
  private final int maxUnanswered;
  private int unanswered;
  private int sequence;
  private long lastRead = System.nanoTime();
  private long sweepTimer = -1;
  private long enquireTimer = -1;
  private boolean open = true;
  private RecordParser parser;
  private Buffer commandLength;

  private SmppSession(Vertx vertx, NetSocket socket, SmscConfig config, Function<DeliverSm, Future<Integer>> deliveries) {
    this.vertx = vertx;
    this.socket = socket;
    this.config = config;
    this.deliveries = deliveries;
    // a burst of receipts beyond this is asked to come again later (ESME_RTHROTTLED), as an SMSC expects
    this.maxUnanswered = Math.max(1_000, config.window() * 20);
  }

  /** Connects and binds; fails with a message naming why (unreachable, refused with its status, timed out). */
  static Future<SmppSession> bind(Vertx vertx, NetClient client, SmscConfig config, BindType type,
                                  Function<DeliverSm, Future<Integer>> deliveries) {
    return client.connect(config.port(), config.host()).compose(socket -> {
      SmppSession session = new SmppSession(vertx, socket, config, deliveries);
      session.listen();
      byte[] bind;
      try {
        bind = COMPOSER.bind(type.commandId(), session.nextSequence(), config.systemId(), config.password(),
            config.systemType(), InterfaceVersion.IF_34.value(), (byte) 0, (byte) 0, null);
      } catch (PDUStringException e) {
        session.close("bind not sent: " + e.getMessage());
        return Future.failedFuture(new IllegalArgumentException("bind not sent: " + e.getMessage()));
      }
      return session.request(bind).compose(response -> {
        if (response.commandId() == type.responseCommandId() && response.status() == 0) {
          session.startEnquiring();
          return Future.succeededFuture(session);
        }
        session.close("bind refused");
        return Future.failedFuture(new IllegalStateException("bind refused: " + CommandStatus.describe(response.status())));
      }, e -> {
        session.close("bind failed");
        return Future.failedFuture(e);
      });
    });
  }

  /** Completes with the reason once the session is closed, by either side or by a failure. */
  Future<String> closed() {
    return closed.future();
  }

  boolean isOpen() {
    return open;
  }

  int nextSequence() {
    sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
    return sequence;
  }

  /** Writes a request composed with {@link #nextSequence()}; completes with its response. */
  Future<Response> request(byte[] pdu) {
    if (!open) {
      return Future.failedFuture(new Closed("the session is closed"));
    }
    Promise<Response> promise = Promise.promise();
    pending.put(sequenceOf(pdu), new Pending(promise, System.nanoTime() + config.responseTimeoutMillis() * 1_000_000));
    socket.write(Buffer.buffer(pdu));
    return promise.future();
  }

  /** Unbinds and closes: waits for unbind_resp, or the response timeout (at most five seconds). */
  Future<Void> unbind() {
    if (!open) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(Math.min(5_000, config.responseTimeoutMillis()), t -> done.tryComplete());
    request(COMPOSER.unbind(nextSequence())).onComplete(r -> done.tryComplete());
    return done.future().andThen(v -> {
      vertx.cancelTimer(timer);
      close("unbound");
    });
  }

  /** Closes the socket; requests still unanswered fail with {@link Closed}. */
  void close(String reason) {
    if (!open) {
      return;
    }
    open = false;
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(enquireTimer);
    List<Pending> waiting = new ArrayList<>(pending.values());
    pending.clear();
    waiting.forEach(p -> p.promise().tryFail(new Closed(reason)));
    socket.close();
    closed.tryComplete(reason);
  }

  private void listen() {
    parser = RecordParser.newFixed(4);
    parser.handler(this::frame);
    socket.handler(parser);
    socket.closeHandler(v -> close("connection lost"));
    socket.exceptionHandler(e -> close("connection lost: " + e.getMessage()));
    long sweepEvery = Math.max(25, Math.min(250, config.responseTimeoutMillis() / 4));
    sweepTimer = vertx.setPeriodic(sweepEvery, t -> expire());
  }

  /** A PDU comes in two records: its command_length, then the rest. */
  private void frame(Buffer record) {
    if (commandLength == null) {
      int size = record.getInt(0);
      if (size < HEADER || size > MAX_PDU) {
        log.warn("SMSC {} sent a PDU of command_length {}; closing the session", config.name(), size);
        close("invalid command_length " + size);
        return;
      }
      commandLength = record.copy();
      parser.fixedSizeMode(size - 4);
    } else {
      byte[] pdu = Buffer.buffer(4 + record.length()).appendBuffer(commandLength).appendBuffer(record).getBytes();
      commandLength = null;
      parser.fixedSizeMode(4);
      received(pdu);
    }
  }

  private void startEnquiring() {
    long every = config.enquireLinkSeconds() * 1_000L;
    enquireTimer = vertx.setPeriodic(every, t -> {
      if (open && System.nanoTime() - lastRead >= every * 1_000_000 / 2) {
        request(COMPOSER.enquireLink(nextSequence())).onFailure(e -> {
          if (e instanceof NoResponse) {
            close("no answer to enquire_link within " + config.responseTimeoutMillis() + " ms");
          }
        });
      }
    });
  }

  /** Requests are in sequence order and share one timeout: the expired ones are at the head. */
  private void expire() {
    long now = System.nanoTime();
    List<Pending> expired = null;
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.deadline() - now > 0) {
        break;
      }
      it.remove();
      (expired == null ? expired = new ArrayList<>() : expired).add(p);
    }
    if (expired != null) {
      expired.forEach(p -> p.promise().tryFail(new NoResponse("no response within " + config.responseTimeoutMillis() + " ms")));
    }
  }

  private void received(byte[] pdu) {
    lastRead = System.nanoTime();
    Command header = DECOMPOSER.header(pdu);
    int id = header.getCommandId();
    int seq = header.getSequenceNumber();
    if ((id & SMPPConstant.MASK_CID_RESP) != 0) { // a response, generic_nack included
      Pending p = pending.remove(seq);
      if (p != null) {
        p.promise().complete(new Response(id, header.getCommandStatus(), pdu));
      }
      return;
    }
    switch (id) {
      case SMPPConstant.CID_DELIVER_SM -> deliver(pdu, seq);
      case SMPPConstant.CID_ENQUIRE_LINK -> socket.write(Buffer.buffer(COMPOSER.enquireLinkResp(seq)));
      case SMPPConstant.CID_UNBIND -> {
        socket.write(Buffer.buffer(COMPOSER.unbindResp(0, seq)));
        close("the SMSC unbound");
      }
      case SMPPConstant.CID_ALERT_NOTIFICATION -> { } // no response is defined; handset availability is not tracked
      case SMPPConstant.CID_DATA_SM -> answerDataSm(seq);
      default -> socket.write(Buffer.buffer(COMPOSER.genericNack(SMPPConstant.STAT_ESME_RINVCMDID, seq)));
    }
  }

  private void deliver(byte[] pdu, int seq) {
    if (unanswered >= maxUnanswered) {
      socket.write(Buffer.buffer(COMPOSER.deliverSmResp(CommandStatus.ESME_RTHROTTLED, seq, null)));
      return;
    }
    DeliverSm deliverSm;
    try {
      deliverSm = DECOMPOSER.deliverSm(pdu);
    } catch (PDUStringException | RuntimeException e) {
      log.warn("SMSC {} sent a deliver_sm Herald cannot read: {}", config.name(), e.getMessage());
      socket.write(Buffer.buffer(COMPOSER.genericNack(SMPPConstant.STAT_ESME_RINVMSGLEN, seq)));
      return;
    }
    unanswered++;
    Future<Integer> answer;
    try {
      answer = deliveries.apply(deliverSm);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      unanswered--;
      if (open) {
        int status = ar.succeeded() ? ar.result() : CommandStatus.ESME_RSYSERR;
        socket.write(Buffer.buffer(COMPOSER.deliverSmResp(status, seq, null)));
      }
    });
  }

  private void answerDataSm(int seq) {
    try {
      socket.write(Buffer.buffer(COMPOSER.dataSmResp(SMPPConstant.STAT_ESME_RINVCMDID, seq, null)));
    } catch (PDUStringException e) {
      socket.write(Buffer.buffer(COMPOSER.genericNack(SMPPConstant.STAT_ESME_RINVCMDID, seq)));
    }
  }

  private static int sequenceOf(byte[] pdu) {
    return (pdu[12] & 0xFF) << 24 | (pdu[13] & 0xFF) << 16 | (pdu[14] & 0xFF) << 8 | (pdu[15] & 0xFF);
  }
}
