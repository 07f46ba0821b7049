package io.herald.smsc;

import io.herald.smsc.MoFragment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * deliver_sm from the SMSC, on jsmpp's PDU threads (which may block). A receipt is parsed and
 * handed on at once. A reply (MO) is acknowledged only once it is stored: if storing fails, the
 * deliver_sm_resp carries an error and the SMSC delivers it again later.
 */
final class Receiver implements MessageReceiverListener {
  private static final Logger log = LoggerFactory.getLogger(Receiver.class);
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
  private final SmscConnection connection;

  Receiver(SmscConnection connection) {
    this.connection = connection;
  }

  @Override
  public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
    if (deliverSm.isSmscDeliveryReceipt()) {
      receipt(deliverSm);
    } else {
      reply(deliverSm);
    }
  }

  /** Parses the receipt and waits until it is written: acknowledged receipts survive a crash. */
  private void receipt(DeliverSm deliverSm) throws ProcessRequestException {
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
      return; // acknowledged: asking again would bring the same text
    }
    try {
      connection.receipt(parsed.get().withCandidates(connection.receiptIdFormat(), connection.responsesHaveHexLetters()))
          .toCompletionStage().toCompletableFuture().get(STORE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessRequestException("stopping", CommandStatus.ESME_RSYSERR);
    } catch (Exception e) {
      log.warn("SMSC {}: could not record a receipt, asking the SMSC to deliver it again: {}", name, e.getMessage());
      throw new ProcessRequestException("receipt not stored", CommandStatus.ESME_RSYSERR);
    }
  }

  private void reply(DeliverSm deliverSm) throws ProcessRequestException {
    MoHandOff.deliver(connection.vertx(), MoFragment.from(connection.name(), deliverSm, Instant.now()), STORE_TIMEOUT);
  }

  @Override
  public void onAcceptAlertNotification(AlertNotification alertNotification) {
    // nothing to do: Herald does not track handset availability
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw new ProcessRequestException("data_sm is not supported", 0x03); // ESME_RINVCMDID
  }
}
