package io.herald.smsc.simulator;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * Answers submit_sm for every session (jsmpp calls it on the session's PDU processor threads) and hands accepted
 * messages to the {@link ReceiptSender} once their response is sent. Everything else is "not supported".
 */
final class SubmitHandler implements ServerMessageReceiverListener, ServerResponseDeliveryListener {
  private final BoundSessions sessions;
  private final ReceiptSender receipts;
  private final LastSenders lastSenders;
  // Ids continue from "seconds since epoch x 100 000", so a restart (one second later or more) does not reuse
  // the ids of a run that averaged under 100 000 messages a second.
  private final AtomicLong nextId = new AtomicLong(Instant.now().getEpochSecond() * 100_000L);
  private final Set<String> throttledOnce = ConcurrentHashMap.newKeySet();
  private final LongAdder submits = new LongAdder();

  SubmitHandler(BoundSessions sessions, ReceiptSender receipts, LastSenders lastSenders) {
    this.sessions = sessions;
    this.receipts = receipts;
    this.lastSenders = lastSenders;
  }

  long submitsReceived() {
    return submits.sum();
  }

  @Override
  public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
    submits.increment();
    String destination = submit.getDestAddress();
    TestNumber number = TestNumber.of(destination);
    if (number == TestNumber.INVALID_DESTINATION) {
      throw new ProcessRequestException("test number: invalid destination", SMPPConstant.STAT_ESME_RINVDSTADR);
    }
    if (number == TestNumber.THROTTLED_ONCE && throttledOnce.add(destination)) {
      throw new ProcessRequestException("test number: throttled once", SMPPConstant.STAT_ESME_RTHROTTLED);
    }
    String id = Long.toString(nextId.getAndIncrement());
    lastSenders.remember(destination, submit.getSourceAddr());
    PendingReceipt receipt = new PendingReceipt(id, source, sessions.systemIdOf(source),
        submit.getSourceAddrTon(), submit.getSourceAddrNpi(), submit.getSourceAddr(),
        submit.getDestAddrTon(), submit.getDestAddrNpi(), destination,
        Instant.now(), number.outcome(), ReceiptText.preview(text(submit), submit.getDataCoding(), submit.getEsmClass()),
        0);
    try {
      return new AcceptedSubmit(new MessageId(id), receipt);
    } catch (PDUStringException e) {
      throw new ProcessRequestException("bad message id " + id, SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  /** short_message, or the message_payload TLV when short_message is empty. */
  private static byte[] text(SubmitSm submit) {
    byte[] message = submit.getShortMessage();
    if (message != null && message.length > 0) {
      return message;
    }
    OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
    return payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : message;
  }

  @Override
  public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
    if (result instanceof AcceptedSubmit accepted) {
      receipts.schedule(accepted.receipt());
    }
  }

  @Override
  public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
    // The ESME never learnt the id, so a receipt would only confuse it.
  }

  @Override
  public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {}

  @Override
  public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {}

  @Override
  public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported();
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw unsupported();
  }

  private static ProcessRequestException unsupported() {
    return new ProcessRequestException("not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
  }
}
