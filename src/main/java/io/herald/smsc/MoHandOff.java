package io.herald.smsc;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jsmpp.extra.ProcessRequestException;

/**
 * How a reply from a phone leaves the SMPP side: each deliver_sm that is not a receipt goes, as a
 * {@link MoFragment}, to {@link #FRAGMENTS}, where the inbox stores it before the SMSC is answered.
 */
public final class MoHandOff {
  /** Local consumer (the inbox's); body {@link MoFragment}; reply body null once stored. */
  public static final String FRAGMENTS = "smsc.mo";
  /** Failure code of a {@link #FRAGMENTS} request that could not be stored: SMPP ESME_RSYSERR. */
  public static final int STORE_FAILED = 0x08;

  private MoHandOff() {}

  /**
   * Lets {@link MoFragment} travel the local event bus. Call it once before any SMPP connection can
   * send to {@link #FRAGMENTS}; calling it again (start() does) is harmless.
   */
  public static void registerCodec(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(MoFragment.class, new LocalCodec<>(MoFragment.class));
    } catch (IllegalStateException alreadyRegistered) {
      // registered by an earlier call: nothing to do
    }
  }

  /**
   * For the SMPP side, on a thread that may block (never an event loop): hands one fragment over and
   * waits until it is stored. Throws what jsmpp turns into a deliver_sm_resp with ESME_RSYSERR (so
   * the SMSC redelivers) when it was not stored within the timeout, cannot be stored, or no
   * receiver is deployed.
   */
  public static void deliver(Vertx vertx, MoFragment fragment, Duration timeout) throws ProcessRequestException {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("MoHandOff.deliver blocks: call it from an SMPP thread, not an event loop");
    }
    long millis = Math.max(1, timeout.toMillis());
    try {
      vertx.eventBus().request(FRAGMENTS, fragment, new DeliveryOptions().setSendTimeout(millis))
          .toCompletionStage().toCompletableFuture()
          .get(millis + 1_000, TimeUnit.MILLISECONDS); // the send timeout fires first; this is a backstop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessRequestException("interrupted while storing the message", STORE_FAILED, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new ProcessRequestException("message not stored: " + cause.getMessage(), STORE_FAILED, cause);
    }
  }
}
