package io.herald.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.PDUException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** A bare jsmpp ESME for tests of the SMSC peers: binds, submits, and queues every deliver_sm it gets. */
public final class JsmppTestClient implements AutoCloseable {
  private final SMPPSession session = new SMPPSession();
  private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

  private JsmppTestClient() {
    session.setMessageReceiverListener(new Receiver());
  }

  public static JsmppTestClient bind(int port, BindType type, String systemId, String password) throws IOException {
    JsmppTestClient client = new JsmppTestClient();
    client.session.connectAndBind("127.0.0.1", port,
        new BindParameter(type, systemId, password, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    return client;
  }

  /** Submits a GSM 7-bit text asking for a receipt; returns the message id of the submit_sm_resp. */
  public String submit(String destination, String text)
      throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
    return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Herald",
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, new ESMClass(), (byte) 0, (byte) 1,
        null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, DataCodings.ZERO,
        (byte) 0, text.getBytes(StandardCharsets.ISO_8859_1)).getMessageId();
  }

  /** The next deliver_sm received, or null after the timeout. */
  public DeliverSm nextDeliver(Duration timeout) throws InterruptedException {
    return delivered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The receipted_message_id TLV of a receipt, or null. */
  public static String receiptedMessageId(DeliverSm receipt) {
    OptionalParameter tlv = receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
    return tlv instanceof OptionalParameter.COctetString id ? id.getValueAsString() : null;
  }

  /** The message_state TLV of a receipt, or -1. */
  public static int messageState(DeliverSm receipt) {
    OptionalParameter tlv = receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
    return tlv instanceof OptionalParameter.Byte state ? state.getValue() : -1;
  }

  public static String text(DeliverSm deliverSm) {
    return new String(deliverSm.getShortMessage(), StandardCharsets.ISO_8859_1);
  }

  public SMPPSession session() {
    return session;
  }

  @Override
  public void close() {
    session.unbindAndClose();
  }

  private final class Receiver implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
      delivered.add(deliverSm);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("data_sm not supported", 0x03);
    }
  }
}
