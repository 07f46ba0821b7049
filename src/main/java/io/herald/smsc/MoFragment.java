package io.herald.smsc;

import java.time.Instant;
import java.util.Objects;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * One deliver_sm that is not a receipt, as it came off the wire. Goes to {@link MoHandOff#FRAGMENTS}
 * over the local event bus, by reference: the arrays are not copied, so do not change them after
 * sending.
 *
 * @param messagePayload the message_payload TLV, or null
 * @param sarRef the sar_msg_ref_num TLV (0..65535), or null; likewise sar_total_segments, sar_segment_seqnum
 */
public record MoFragment(String smsc, String source, String destination, int dataCoding, int esmClass,
                         byte[] shortMessage, byte[] messagePayload,
                         Integer sarRef, Integer sarTotal, Integer sarSeq,
                         Instant receivedAt) {

  public MoFragment {
    Objects.requireNonNull(smsc, "smsc");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** Reads what Herald needs from a jsmpp deliver_sm (call it for non-receipts only). */
  public static MoFragment from(String smsc, DeliverSm pdu, Instant receivedAt) {
    OptionalParameter payload = pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
    return new MoFragment(smsc, pdu.getSourceAddr(), pdu.getDestAddress(),
        pdu.getDataCoding() & 0xFF, pdu.getEsmClass() & 0xFF, pdu.getShortMessage(),
        payload instanceof OptionalParameter.OctetString o ? o.getValue() : null,
        unsigned(pdu.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM)),
        unsigned(pdu.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS)),
        unsigned(pdu.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM)),
        receivedAt);
  }

  /** The TLV's value as an unsigned number, whichever class jsmpp parsed it into; null when absent. */
  private static Integer unsigned(OptionalParameter tlv) {
    if (tlv instanceof OptionalParameter.Byte b) {
      return b.getValue() & 0xFF;
    }
    if (tlv instanceof OptionalParameter.Short s) {
      return s.getValue() & 0xFFFF;
    }
    if (tlv instanceof OptionalParameter.OctetString o && o.getValue().length >= 1 && o.getValue().length <= 2) {
      int value = 0;
      for (byte octet : o.getValue()) {
        value = value << 8 | (octet & 0xFF);
      }
      return value;
    }
    return null;
  }

  /** No addresses or text: this may end up in a log line. */
  @Override
  public String toString() {
    return "MoFragment[smsc=" + smsc + ", dataCoding=" + dataCoding + ", esmClass=" + esmClass
        + ", shortMessage=" + (shortMessage == null ? "null" : shortMessage.length + " octets")
        + ", messagePayload=" + (messagePayload == null ? "null" : messagePayload.length + " octets")
        + ", sar=" + sarRef + "/" + sarTotal + "/" + sarSeq + ", receivedAt=" + receivedAt + "]";
  }
}
