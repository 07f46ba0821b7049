package io.herald.smsc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;

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
   * Hands one fragment over and answers the deliver_sm_resp status for it: 0 once it is stored,
   * {@link #STORE_FAILED} (so the SMSC delivers it again) when it was not stored within the
   * timeout, cannot be stored, or no receiver is deployed.
   */
  public static Future<Integer> deliver(Vertx vertx, MoFragment fragment, Duration timeout) {
    return vertx.eventBus().request(FRAGMENTS, fragment, new DeliveryOptions().setSendTimeout(Math.max(1, timeout.toMillis())))
        .map(stored -> 0)
        .otherwise(STORE_FAILED);
  }
}
