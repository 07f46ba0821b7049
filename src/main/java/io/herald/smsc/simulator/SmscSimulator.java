package io.herald.smsc.simulator;

import io.herald.runtime.DaemonThreads;
import io.herald.smsc.encoding.EncodedText;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMSC for demos and tests, built on jsmpp's server side. jsmpp blocks, so everything here runs on the
 * simulator's own threads; never call {@link #start()} or {@link #close()} from a Vert.x event loop.
 *
 * <h2>README-simulator</h2>
 *
 * <p>The simulator accepts bind_transceiver, bind_transmitter and bind_receiver with the configured system_id and
 * password (a wrong system_id is refused with ESME_RINVSYSID 0x0F, a wrong password with ESME_RINVPASWD 0x0E), any
 * number of sessions at once, enquire_link and unbind. Every submit_sm, each part of a concatenated message included,
 * is answered on its own with a fresh decimal message id; after {@code receiptDelayMillis} a delivery receipt
 * (deliver_sm, esm_class 0x04) follows on the session that submitted, or on another receiver/transceiver session of
 * the same system_id if that one is gone or is a transmitter. Its text is
 * {@code id:<id> sub:001 dlvrd:001 submit date:yyMMddHHmm done date:yyMMddHHmm stat:DELIVRD err:000 text:<20 chars>}
 * (dates in UTC), with the TLVs receipted_message_id and message_state. Receipts are sent whatever
 * registered_delivery asked for.
 *
 * <p>{@link #sendReply} sends a reply from a phone (deliver_sm, esm_class 0x00) on any bound receiver/transceiver
 * session: source TON 1 NPI 1 without '+', GSM 7-bit (data_coding 0x00) or UCS-2 (0x08) as the text needs, several
 * parts with an 8-bit concatenation UDH.
 *
 * <p>Test numbers, chosen by the last four digits of the destination address:
 * <table>
 *   <caption>Simulator test numbers</caption>
 *   <tr><th>ends with</th><th>submit_sm_resp</th><th>receipt</th></tr>
 *   <tr><td>{@code 0000}</td><td>OK</td><td>{@code dlvrd:000 stat:UNDELIV err:001}, message_state 5</td></tr>
 *   <tr><td>{@code 0001}</td><td>ESME_RINVDSTADR (0x0B)</td><td>none</td></tr>
 *   <tr><td>{@code 0002}</td><td>the first submit to that number ESME_RTHROTTLED (0x58), then OK</td>
 *       <td>{@code stat:DELIVRD} for the accepted ones</td></tr>
 *   <tr><td>{@code 0003}</td><td>OK</td><td>{@code dlvrd:000 stat:EXPIRED}, message_state 3</td></tr>
 *   <tr><td>anything else</td><td>OK</td><td>{@code dlvrd:001 stat:DELIVRD err:000}, message_state 2</td></tr>
 * </table>
 */
public final class SmscSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
  /** The system_id the simulator names itself with in bind responses. */
  static final String SMSC_SYSTEM_ID = "HeraldSim";
  private static final int BIND_TIMEOUT_MILLIS = 10_000;
  private static final int PDU_THREADS_PER_SESSION = 3;
  // jsmpp answers ESME_RTHROTTLED by itself once this queue is full; keep it well above any sane window.
  private static final int PDU_QUEUE_PER_SESSION = 10_000;
  private static final long UNBIND_TIMEOUT_MILLIS = 1_000;
  private static final long REJECT_LINGER_MILLIS = 2_000;
  private static final long THREAD_EXIT_MILLIS = 5_000;

  private final SimulatorConfig config;
  private final BoundSessions sessions = new BoundSessions();
  private final ReceiptSender receipts;
  private final SubmitHandler submits;
  private final LastSenders lastSenders = new LastSenders();
  private final ReplySender replies;
  private final HostServerSocketFactory sockets;
  private final DaemonThreads bindThreads = new DaemonThreads("herald-smsc-sim-bind");
  private final ExecutorService binders = Executors.newCachedThreadPool(bindThreads);
  private final AtomicBoolean closed = new AtomicBoolean();
  private SMPPServerSessionListener listener;
  private Thread acceptor;

  public SmscSimulator(SimulatorConfig config) {
    this.config = config;
    this.receipts = new ReceiptSender(sessions, config.receiptDelayMillis());
    this.submits = new SubmitHandler(sessions, receipts, lastSenders);
    this.replies = new ReplySender(sessions);
    this.sockets = new HostServerSocketFactory(config.host());
  }

  /** Binds host:port and returns; sessions are accepted on the simulator's own threads. */
  public synchronized void start() throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("simulator closed");
    }
    if (listener != null) {
      throw new IllegalStateException("simulator already started");
    }
    SMPPServerSessionListener newListener = new SMPPServerSessionListener(config.port(), sockets);
    newListener.setPduProcessorDegree(PDU_THREADS_PER_SESSION);
    newListener.setQueueCapacity(PDU_QUEUE_PER_SESSION);
    newListener.setMessageReceiverListener(submits);
    newListener.setResponseDeliveryListener(submits);
    newListener.setSessionStateListener(this::stateChanged);
    listener = newListener;
    acceptor = new DaemonThreads("herald-smsc-sim-accept").newThread(this::acceptLoop);
    acceptor.start();
    log.info("SMSC simulator listening on {}:{} for system_id {}", config.host(), port(), config.systemId());
  }

  /** The port actually listened on (useful with port 0), or -1 before {@link #start()}. */
  public int port() {
    return sockets.localPort();
  }

  public long submitsReceived() {
    return submits.submitsReceived();
  }

  public long receiptsSent() {
    return receipts.sent();
  }

  /**
   * Sends a reply (MO) from the E.164 phone to the address (a sender, short code or long number) on a bound
   * receiver/transceiver session and returns how many deliver_sm it took. Blocks until Herald acknowledges each.
   */
  public int sendReply(String phone, String to, EncodedText text) throws ReplyFailure {
    return replies.send(phone, to, text);
  }

  /** Where the last message to this number came from, as it was submitted; empty when none came since start. */
  public Optional<String> lastSenderTo(String phone) {
    return lastSenders.to(phone);
  }

  /** Bound sessions that can take a deliver_sm. */
  public long receivers() {
    return sessions.receivers();
  }

  private void acceptLoop() {
    while (!closed.get()) {
      SMPPServerSession session;
      try {
        session = listener.accept();
      } catch (IOException e) {
        if (closed.get()) {
          return;
        }
        log.warn("Accepting an SMPP connection failed: {}", e.getMessage());
        pause();
        continue;
      }
      sessions.opened(session);
      try {
        binders.execute(() -> awaitBind(session));
      } catch (RejectedExecutionException closing) {
        session.close();
      }
      if (closed.get()) {
        session.close(); // close() may have taken its snapshot of open sessions just before this one
      }
    }
  }

  private void awaitBind(SMPPServerSession session) {
    try {
      BindRequest bind = session.waitForBind(BIND_TIMEOUT_MILLIS);
      int status = check(bind);
      if (status != SMPPConstant.STAT_ESME_ROK) {
        log.info("Bind of system_id {} from {} refused with status 0x{}", bind.getSystemId(),
            session.getInetAddress(), Integer.toHexString(status));
        bind.reject(status);
        lingerThenClose(session);
        return;
      }
      sessions.binding(session, bind.getSystemId());
      bind.accept(SMSC_SYSTEM_ID, InterfaceVersion.IF_34);
      log.info("system_id {} bound as {} from {}", bind.getSystemId(), bind.getBindType(), session.getInetAddress());
    } catch (TimeoutException e) {
      log.info("No bind from {} within {} ms, connection closed", session.getInetAddress(), BIND_TIMEOUT_MILLIS);
    } catch (IOException | PDUStringException | IllegalStateException e) {
      log.warn("Bind handshake with {} failed: {}", session.getInetAddress(), e.getMessage());
      session.close();
    }
  }

  /**
   * A jsmpp ESME whose socket closes right behind a negative bind_resp may drop that response (its reader closes the
   * session on EOF before the response is processed) and wait out its whole bind timeout; so give the ESME time to
   * read the refusal and hang up first.
   */
  private static void lingerThenClose(SMPPServerSession session) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REJECT_LINGER_MILLIS);
    while (session.getSessionState() != SessionState.CLOSED && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted()) {
      pause();
    }
    session.close();
  }

  private int check(BindRequest bind) {
    if (!config.systemId().equals(bind.getSystemId())) {
      return SMPPConstant.STAT_ESME_RINVSYSID;
    }
    if (!config.password().equals(bind.getPassword())) {
      return SMPPConstant.STAT_ESME_RINVPASWD;
    }
    return SMPPConstant.STAT_ESME_ROK;
  }

  private void stateChanged(SessionState newState, SessionState oldState, Session source) {
    if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
      sessions.closed((SMPPServerSession) source);
    }
  }

  /** Unbinds every session, closes the socket and stops every thread the simulator (and jsmpp for it) started. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread acceptThread;
    synchronized (this) {
      acceptThread = acceptor;
      if (listener != null) {
        try {
          listener.close();
        } catch (IOException e) {
          log.warn("Closing the simulator socket failed: {}", e.getMessage());
        }
      }
    }
    join(acceptThread);
    receipts.close();
    binders.shutdownNow();
    Set<String> readerThreads = new HashSet<>();
    for (SMPPServerSession session : sessions.open()) {
      readerThreads.add("PDUReaderWorker-" + session.getSessionId());
      session.setTransactionTimer(UNBIND_TIMEOUT_MILLIS);
      session.unbindAndClose();
    }
    awaitTermination(binders, bindThreads);
    awaitExit(readerThreads);
    log.info("SMSC simulator on port {} closed after {} submits", port(), submitsReceived());
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join(THREAD_EXIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTermination(ExecutorService executor, DaemonThreads threads) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_EXIT_MILLIS);
    try {
      executor.awaitTermination(THREAD_EXIT_MILLIS, TimeUnit.MILLISECONDS);
      threads.joinAll(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * jsmpp does not join a session's PDU reader thread (it ends on its own once the socket is closed, after draining
   * the session's PDU pool); wait for it by name so close() really leaves no thread behind.
   */
  private static void awaitExit(Set<String> threadNames) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_EXIT_MILLIS);
    while (System.nanoTime() < deadline) {
      boolean running = Thread.getAllStackTraces().keySet().stream()
          .anyMatch(thread -> threadNames.contains(thread.getName()));
      if (!running) {
        return;
      }
      pause();
    }
    log.warn("Some simulator session threads did not stop within {} ms", THREAD_EXIT_MILLIS);
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
