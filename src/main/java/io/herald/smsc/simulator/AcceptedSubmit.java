package io.herald.smsc.simulator;

import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * jsmpp hands our submit result back once submit_sm_resp is on the wire
 * ({@code ServerResponseDeliveryListener.onSubmitSmRespSent}); carrying the receipt in it lets us schedule the
 * receipt only then, so it can never overtake the response.
 */
final class AcceptedSubmit extends SubmitSmResult {
  private static final OptionalParameter[] NONE = new OptionalParameter[0];

  private final PendingReceipt receipt;

  AcceptedSubmit(MessageId messageId, PendingReceipt receipt) {
    super(messageId, NONE);
    this.receipt = receipt;
  }

  PendingReceipt receipt() {
    return receipt;
  }
}
