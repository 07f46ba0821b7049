package io.herald.smsc.simulator;

import io.herald.accounts.SenderKind;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.Udh;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPServerSession;

/**
 * Sends a reply from a phone (an MO: deliver_sm with esm_class default, not a receipt) on a bound
 * receiver/transceiver session, one deliver_sm per part with an 8-bit concatenation UDH when there are several.
 * Blocks until each deliver_sm_resp, like {@link ReceiptSender}; call it off the event loop.
 */
final class ReplySender {
  private static final ESMClass SINGLE = new ESMClass();
  private static final ESMClass WITH_UDH = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);

  private final BoundSessions sessions;
  private final AtomicInteger reference = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));

  ReplySender(BoundSessions sessions) {
    this.sessions = sessions;
  }

  /** Sends from the E.164 phone to the address; returns the number of deliver_sm sent. */
  int send(String phone, String to, EncodedText text) throws ReplyFailure {
    SMPPServerSession session = sessions.anyReceiver().orElseThrow(() ->
        new ReplyFailure(ReplyFailure.Reason.NO_SESSION, "the simulator has no bound session to deliver on"));
    int total = text.segments();
    int ref = reference.getAndIncrement() & 0xFF;
    SenderKind kind = SenderKind.of(to);
    String destination = kind == SenderKind.LONG_CODE && to.startsWith("+") ? to.substring(1) : to;
    for (int i = 0; i < total; i++) {
      byte[] payload = text.parts().get(i);
      byte[] shortMessage = total == 1 ? payload : withUdh(Udh.concat8(ref, total, i + 1), payload);
      try {
        // Handsets' numbers arrive international without '+', as carriers send them.
        session.deliverShortMessage("",
            TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, phone.substring(1),
            ton(kind), kind == SenderKind.LONG_CODE ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN,
            destination, total == 1 ? SINGLE : WITH_UDH, (byte) 0, (byte) 0, new RegisteredDelivery(0),
            new RawDataCoding((byte) text.encoding().dataCoding()), shortMessage);
      } catch (NegativeResponseException e) {
        throw notAccepted(i, total, "deliver_sm_resp status 0x" + Integer.toHexString(e.getCommandStatus()));
      } catch (ResponseTimeoutException e) {
        throw notAccepted(i, total, "no deliver_sm_resp in time");
      } catch (InvalidResponseException | IOException | PDUException e) {
        throw notAccepted(i, total, e.getMessage());
      }
    }
    return total;
  }

  private static TypeOfNumber ton(SenderKind kind) {
    return switch (kind) {
      case LONG_CODE -> TypeOfNumber.INTERNATIONAL;
      case ALPHANUMERIC -> TypeOfNumber.ALPHANUMERIC;
      case SHORT_CODE -> TypeOfNumber.UNKNOWN;
    };
  }

  private static byte[] withUdh(byte[] udh, byte[] payload) {
    byte[] sm = new byte[udh.length + payload.length];
    System.arraycopy(udh, 0, sm, 0, udh.length);
    System.arraycopy(payload, 0, sm, udh.length, payload.length);
    return sm;
  }

  private static ReplyFailure notAccepted(int part, int total, String why) {
    String which = total == 1 ? "the reply" : "part " + (part + 1) + " of " + total + " of the reply";
    return new ReplyFailure(ReplyFailure.Reason.NOT_ACCEPTED, "Herald did not accept " + which + ": " + why);
  }
}
