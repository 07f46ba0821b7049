package io.herald.testing;

import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.SmppChannelException;
import com.cloudhopper.smpp.type.SmppProcessingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC for tests that is not jsmpp: cloudhopper-smpp's {@link DefaultSmppServer} on 127.0.0.1 and a free port,
 * recording every submit_sm and answering with receipts, behaviour knobs adjustable while it runs.
 *
 * <p>Thread model: cloudhopper (Netty 3) calls the session handlers on its I/O threads. Nothing here blocks them
 * beyond what cloudhopper itself does (writing a response and waiting for the write); receipts, MO messages,
 * deferred responses and dropped connections run on this class's scheduler.
 */
public final class CloudhopperSmsc implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CloudhopperSmsc.class);
  private static final String HOST = "127.0.0.1";
  private static final int IO_THREADS = 4;
  private static final int SCHEDULER_THREADS = 4;
  private static final int WINDOW = 100;
  private static final long WINDOW_WAIT_MILLIS = 10_000;
  private static final long MO_RESPONSE_MILLIS = 10_000;
  private static final int RECEIPT_ATTEMPTS = 60;
  private static final long RECEIPT_RETRY_MILLIS = 500;
  // jsmpp's client drops a response that arrives right before the socket closes (its reader closes the session on
  // EOF first), so the N-th response gets this long to be read before the drop.
  private static final long DROP_GRACE_MILLIS = 100;

  /** One submit_sm as received. {@code messageId} is null when the responder refused it. */
  public record Submit(
      String source,
      String destination,
      int dataCoding,
      int esmClass,
      byte[] shortMessage,
      byte[] messagePayloadTlv,
      Map<Short, byte[]> tlvs,
      String messageId,
      Instant receivedAt) {

    Submit withMessageId(String id) {
      return new Submit(source, destination, dataCoding, esmClass, shortMessage, messagePayloadTlv, tlvs, id,
          receivedAt);
    }
  }

  private final String systemId;
  private final String password;
  private final int port;
  private final ExecutorService io = Executors.newCachedThreadPool(named("ch-smsc-io"));
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(SCHEDULER_THREADS,
      named("ch-smsc-scheduler"));
  private final DefaultSmppServer server;
  private final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();
  private final List<Submit> submits = new ArrayList<>();
  private final Map<Long, AtomicInteger> perSecond = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger submitsUntilDrop = new AtomicInteger();

  private volatile long receiptDelayMillis = 200;
  private volatile Function<Submit, Integer> responder = submit -> SmppConstants.STATUS_OK;
  private volatile LongFunction<String> messageIdFormat = Long::toString;
  private volatile Function<String, String> receiptIdFormat = Function.identity();
  private volatile boolean receiptBeforeResponse;

  private CloudhopperSmsc(String systemId, String password, int port) {
    this.systemId = systemId;
    this.password = password;
    this.port = port;
    SmppServerConfiguration config = new SmppServerConfiguration();
    config.setName("CloudhopperSmsc-" + port);
    config.setHost(HOST);
    config.setPort(port);
    config.setSystemId("cloudhopper");
    config.setNonBlockingSocketsEnabled(true);
    config.setMaxConnectionSize(IO_THREADS); // with NIO this is also the number of selector (worker) threads
    config.setDefaultWindowSize(WINDOW); // cloudhopper's default of 1 would serialise receipts
    config.setDefaultWindowWaitTimeout(WINDOW_WAIT_MILLIS);
    config.setDefaultRequestExpiryTimeout(30_000);
    config.setDefaultWindowMonitorInterval(5_000);
    config.setJmxEnabled(false);
    this.server = new DefaultSmppServer(config, new ServerHandler(), io, scheduler);
  }

  /** Starts on 127.0.0.1 and a free port, accepting binds with exactly these credentials. */
  public static CloudhopperSmsc start(String systemId, String password) throws Exception {
    // DefaultSmppServer hides its server channel, so port 0 could not be read back: probe a free port instead,
    // and try again in the unlikely case someone takes it in between.
    for (int attempt = 1; ; attempt++) {
      CloudhopperSmsc smsc = new CloudhopperSmsc(systemId, password, freePort());
      try {
        smsc.server.start();
        return smsc;
      } catch (SmppChannelException e) {
        smsc.close();
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** Every submit_sm received so far, in arrival order. */
  public List<Submit> submits() {
    synchronized (submits) {
      return List.copyOf(submits);
    }
  }

  /** Successful binds so far, reconnects included. */
  public int bindCount() {
    return binds.get();
  }

  /** Epoch second to the number of submit_sm received in it. */
  public Map<Long, Integer> submitsPerSecond() {
    Map<Long, Integer> copy = new TreeMap<>();
    perSecond.forEach((second, count) -> copy.put(second, count.get()));
    return copy;
  }

  /** Delay from submit_sm_resp to receipt (default 200); negative sends no receipts. */
  public void receiptDelayMillis(long millis) {
    receiptDelayMillis = millis;
  }

  /** The command_status for each submit (default 0); non-zero ones get no message id and no receipt. */
  public void responder(Function<Submit, Integer> commandStatus) {
    responder = commandStatus;
  }

  /** Message id of the n-th accepted submit (n from 1) as written in submit_sm_resp; default decimal. */
  public void messageIdFormat(LongFunction<String> format) {
    messageIdFormat = format;
  }

  /** The id written into receipts (text and receipted_message_id), from the submit_sm_resp id; default as is. */
  public void receiptIdFormat(Function<String, String> fromSubmitId) {
    receiptIdFormat = fromSubmitId;
  }

  /** Sends the receipt right away and only then the submit_sm_resp (the delay is ignored), to test that race. */
  public void receiptBeforeResponse(boolean on) {
    receiptBeforeResponse = on;
  }

  /**
   * After {@code submits} more submit_sm (counted from now, answered normally), closes every session without
   * unbind about 100 ms later; rebinds are accepted. One-shot; zero or less disarms it.
   */
  public void dropConnectionsAfter(int submits) {
    submitsUntilDrop.set(Math.max(0, submits));
  }

  /**
   * Sends a mobile-originated deliver_sm to a bound receiver or transceiver session, from the scheduler so a caller
   * on an event loop is never blocked. Completes with the deliver_sm_resp command_status.
   */
  public CompletableFuture<Integer> sendMo(String from, String to, byte[] shortMessage, int dataCoding, int esmClass,
      Map<Short, byte[]> tlvs) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    try {
      scheduler.execute(() -> {
        try {
          result.complete(sendMoNow(from, to, shortMessage, dataCoding, esmClass, tlvs));
        } catch (Exception e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private int sendMoNow(String from, String to, byte[] shortMessage, int dataCoding, int esmClass,
      Map<Short, byte[]> tlvs) throws Exception {
    SmppServerSession target = sessions.values().stream().filter(CloudhopperSmsc::canReceive).findFirst()
        .orElseThrow(() -> new IllegalStateException("no receiver or transceiver session bound"));
    DeliverSm mo = CloudhopperPdus.mobileOriginated(from, to, shortMessage, dataCoding, esmClass, tlvs);
    WindowFuture<Integer, PduRequest, PduResponse> future = target.sendRequestPdu(mo, WINDOW_WAIT_MILLIS, true);
    if (!future.await(MO_RESPONSE_MILLIS)) {
      future.cancel();
      throw new IllegalStateException("no deliver_sm_resp within " + MO_RESPONSE_MILLIS + " ms");
    }
    if (!future.isSuccess()) {
      throw new IllegalStateException("deliver_sm failed", future.getCause());
    }
    return future.getResponse().getCommandStatus();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    server.destroy(); // closes every channel and releases cloudhopper's own executors and timers
    io.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- submit handling (on cloudhopper's I/O thread) ----

  private PduResponse onSubmit(SmppServerSession session, SubmitSm pdu) {
    Instant now = Instant.now();
    perSecond.computeIfAbsent(now.getEpochSecond(), second -> new AtomicInteger()).incrementAndGet();
    String id = messageIdFormat.apply(nextId.getAndIncrement());
    Submit submit = CloudhopperPdus.submit(pdu, id, now);
    int status = responder.apply(submit);
    synchronized (submits) {
      submits.add(status == SmppConstants.STATUS_OK ? submit : submit.withMessageId(null));
    }
    SubmitSmResp response = pdu.createResponse();
    response.setCommandStatus(status);
    if (status == SmppConstants.STATUS_OK) {
      response.setMessageId(id);
    }
    boolean receipt = status == SmppConstants.STATUS_OK && receiptDelayMillis >= 0;
    boolean drop = submitsUntilDrop.getAndUpdate(left -> left > 0 ? left - 1 : 0) == 1;
    if (receipt && receiptBeforeResponse) {
      later(() -> {
        sendReceipt(new PendingReceipt(session, submit, 0));
        respond(session, response);
        if (drop) {
          later(this::dropAll, DROP_GRACE_MILLIS);
        }
      }, 0);
      return null;
    }
    // Write the response here (as cloudhopper would after we return) so a receipt can never overtake it.
    respond(session, response);
    if (receipt) {
      later(() -> sendReceipt(new PendingReceipt(session, submit, 0)), receiptDelayMillis);
    }
    if (drop) {
      later(this::dropAll, DROP_GRACE_MILLIS);
    }
    return null;
  }

  private static void respond(SmppServerSession session, PduResponse response) {
    try {
      session.sendResponsePdu(response);
    } catch (Exception e) {
      log.debug("Response {} not sent: {}", response.getSequenceNumber(), e.getMessage());
    }
  }

  private void dropAll() {
    log.info("Dropping {} session(s) without unbind", sessions.size());
    sessions.values().forEach(s -> {
      s.close();
      redeliverUnanswered(s);
    });
  }

  /** Receipts sent on a session that went away without answering them are offered again, as an SMSC would. */
  private void redeliverUnanswered(SmppServerSession session) {
    var unanswered = session.getSendWindow().cancelAll();
    if (unanswered == null) {
      return;
    }
    for (var future : unanswered) {
      if (future.getRequest() instanceof com.cloudhopper.smpp.pdu.PduRequest<?> request
          && request.getReferenceObject() instanceof PendingReceipt pending) {
        retry(pending, "session closed before the deliver_sm_resp");
      }
    }
  }

  // ---- receipts (on the scheduler) ----

  /** A receipt for {@code submit}, preferably on {@code origin}; {@code attempt} counts earlier tries. */
  private record PendingReceipt(SmppServerSession origin, Submit submit, int attempt) {}

  private void sendReceipt(PendingReceipt pending) {
    Optional<SmppServerSession> target = receiverFor(pending.origin());
    if (target.isEmpty()) {
      retry(pending, "no receiver bound");
      return;
    }
    try {
      Submit submit = pending.submit();
      DeliverSm receipt = CloudhopperPdus.receipt(submit, receiptIdFormat.apply(submit.messageId()));
      receipt.setReferenceObject(pending); // comes back with the deliver_sm_resp, for a retry
      target.get().sendRequestPdu(receipt, WINDOW_WAIT_MILLIS, false);
    } catch (Exception e) {
      retry(pending, e.getMessage());
    }
  }

  private void retry(PendingReceipt pending, String why) {
    if (pending.attempt() + 1 >= RECEIPT_ATTEMPTS) {
      log.warn("Receipt for {} dropped: {}", pending.submit().messageId(), why);
      return;
    }
    later(() -> sendReceipt(new PendingReceipt(pending.origin(), pending.submit(), pending.attempt() + 1)),
        RECEIPT_RETRY_MILLIS);
  }

  /** The submitting session if it can take deliver_sm, else another bound receiver/transceiver of the same ESME. */
  private Optional<SmppServerSession> receiverFor(SmppServerSession origin) {
    if (canReceive(origin) && sessions.containsValue(origin)) {
      return Optional.of(origin);
    }
    String esme = origin.getConfiguration().getSystemId();
    return sessions.values().stream()
        .filter(s -> canReceive(s) && esme.equals(s.getConfiguration().getSystemId()))
        .findFirst();
  }

  private static boolean canReceive(SmppServerSession session) {
    return session.isBound() && session.getBindType() != SmppBindType.TRANSMITTER;
  }

  private void later(Runnable task, long delayMillis) {
    try {
      scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      log.debug("Closed, task dropped");
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---- cloudhopper callbacks ----

  private final class ServerHandler implements SmppServerHandler {
    @Override
    public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bindRequest)
        throws SmppProcessingException {
      if (!systemId.equals(config.getSystemId())) {
        throw new SmppProcessingException(SmppConstants.STATUS_INVSYSID);
      }
      if (!password.equals(config.getPassword())) {
        throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
      }
      config.setName("CloudhopperSmsc." + config.getSystemId() + "." + sessionId);
      config.getLoggingOptions().setLogPdu(false); // cloudhopper logs every PDU at INFO otherwise
      config.getLoggingOptions().setLogBytes(false);
    }

    @Override
    public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
      sessions.put(sessionId, session);
      binds.incrementAndGet();
      session.serverReady(new SessionHandler(session)); // sends the bind_resp and starts reading
    }

    @Override
    public void sessionDestroyed(Long sessionId, SmppServerSession session) {
      sessions.remove(sessionId);
      redeliverUnanswered(session);
      session.destroy();
    }
  }

  private final class SessionHandler extends DefaultSmppSessionHandler {
    private final SmppServerSession session;

    SessionHandler(SmppServerSession session) {
      super(log);
      this.session = session;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public PduResponse firePduRequestReceived(PduRequest request) {
      if (request instanceof SubmitSm submit) {
        return onSubmit(session, submit);
      }
      PduResponse response = request.createResponse(); // enquire_link, unbind
      if (request.getCommandId() != SmppConstants.CMD_ID_ENQUIRE_LINK
          && request.getCommandId() != SmppConstants.CMD_ID_UNBIND) {
        response.setCommandStatus(SmppConstants.STATUS_INVCMDID);
      }
      return response;
    }

    /**
     * The deliver_sm_resp to a receipt. A refused receipt is offered again later, as an SMSC would; a jsmpp ESME
     * answers ESME_RTHROTTLED by itself once its receive queue (100 PDUs by default) is full.
     */
    @Override
    public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
      int status = response.getResponse().getCommandStatus();
      if (status != SmppConstants.STATUS_OK
          && response.getRequest().getReferenceObject() instanceof PendingReceipt pending) {
        retry(pending, "deliver_sm_resp status 0x" + Integer.toHexString(status));
      }
    }

    @Override
    public void firePduRequestExpired(PduRequest request) {
      if (request.getReferenceObject() instanceof PendingReceipt pending) {
        retry(pending, "no deliver_sm_resp");
      }
    }

    @Override
    public void fireChannelUnexpectedlyClosed() {
      log.debug("Session {} closed by the ESME", session.getConfiguration().getName());
    }
  }
}
