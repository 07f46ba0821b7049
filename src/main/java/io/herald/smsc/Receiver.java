package io.herald.smsc;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * deliver_sm from the SMSC, on the connection's event loop. Each is answered only once it is
 * stored, so an acknowledged receipt or reply survives a crash: the future gives the
 * deliver_sm_resp's status, ESME_RSYSERR when storing failed (the SMSC delivers it again later).
 */
final class Receiver implements Function<DeliverSm, Future<Integer>> {
  private static final Logger log = LoggerFactory.getLogger(Receiver.class);
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
  private final SmscConnection connection;

  Receiver(SmscConnection connection) {
    this.connection = connection;
  }

  @Override
  public Future<Integer> apply(DeliverSm deliverSm) {
    if (!deliverSm.isSmscDeliveryReceipt()) {
      return MoHandOff.deliver(connection.vertx(), MoFragment.from(connection.name(), deliverSm, Instant.now()), STORE_TIMEOUT);
    }
    return receipt(deliverSm).transform(ar -> {
      if (ar.failed()) {
        log.warn("SMSC {}: could not record a receipt, asking the SMSC to deliver it again: {}", connection.name(),
            ar.cause().getMessage());
        return Future.succeededFuture(CommandStatus.ESME_RSYSERR);
      }
      return Future.succeededFuture(CommandStatus.OK);
    });
  }

  /** Parses the receipt and hands it on; completes once it is written. */
  private Future<Void> receipt(DeliverSm deliverSm) {
    byte[] sm = deliverSm.getShortMessage();
    String text = sm == null ? "" : new String(sm, StandardCharsets.ISO_8859_1);
    String receiptedId = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)
        instanceof OptionalParameter.COctetString c ? c.getValueAsString() : null;
    Integer state = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE)
        instanceof OptionalParameter.Byte b ? (int) b.getValue() : null;
    String name = connection.name();
    var parsed = ReceiptParser.parse(name, text, receiptedId, state, Instant.now());
    if (parsed.isEmpty()) {
      log.warn("SMSC {} sent a receipt Herald cannot read: {}", name, text);
      return Future.succeededFuture(); // acknowledged: asking again would bring the same text
    }
    return connection.receipt(parsed.get().withCandidates(connection.receiptIdFormat(), connection.responsesHaveHexLetters()));
  }
}
