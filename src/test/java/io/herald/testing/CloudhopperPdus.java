package io.herald.testing;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.tlv.TlvConvertException;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import com.cloudhopper.smpp.util.DeliveryReceipt;
import com.cloudhopper.smpp.util.TlvUtil;
import io.herald.testing.CloudhopperSmsc.Submit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/** Translations between cloudhopper PDUs and {@link CloudhopperSmsc}'s records. */
final class CloudhopperPdus {
  private static final int PREVIEW_CHARS = 20;

  private CloudhopperPdus() {}

  static Submit submit(SubmitSm pdu, String messageId, Instant receivedAt) {
    Map<Short, byte[]> tlvs = new LinkedHashMap<>();
    if (pdu.getOptionalParameters() != null) {
      for (Tlv tlv : pdu.getOptionalParameters()) {
        tlvs.put(tlv.getTag(), tlv.getValue());
      }
    }
    byte[] shortMessage = pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage();
    return new Submit(address(pdu.getSourceAddress()), address(pdu.getDestAddress()), pdu.getDataCoding() & 0xFF,
        pdu.getEsmClass() & 0xFF, shortMessage, tlvs.get(SmppConstants.TAG_MESSAGE_PAYLOAD),
        Collections.unmodifiableMap(tlvs), messageId, receivedAt);
  }

  /**
   * A DELIVRD receipt for {@code submit}, written by cloudhopper's own {@link DeliveryReceipt} (dates in UTC), with
   * receipted_message_id and message_state; addresses are the submit's, swapped.
   */
  static DeliverSm receipt(Submit submit, String receiptId) throws SmppInvalidArgumentException, TlvConvertException {
    String text = new DeliveryReceipt(receiptId, 1, 1,
        new DateTime(submit.receivedAt().toEpochMilli(), DateTimeZone.UTC), new DateTime(DateTimeZone.UTC),
        SmppConstants.STATE_DELIVERED, 0, preview(submit)).toShortMessage();
    DeliverSm receipt = new DeliverSm();
    receipt.setSourceAddress(new Address((byte) 0, (byte) 0, submit.destination()));
    receipt.setDestAddress(new Address((byte) 0, (byte) 0, submit.source()));
    receipt.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
    receipt.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
    receipt.addOptionalParameter(TlvUtil.createNullTerminatedStringTlv(SmppConstants.TAG_RECEIPTED_MSG_ID, receiptId));
    receipt.addOptionalParameter(new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {SmppConstants.STATE_DELIVERED}));
    return receipt;
  }

  static DeliverSm mobileOriginated(String from, String to, byte[] shortMessage, int dataCoding, int esmClass,
      Map<Short, byte[]> tlvs) throws SmppInvalidArgumentException {
    DeliverSm mo = new DeliverSm();
    mo.setSourceAddress(new Address((byte) 1, (byte) 1, from)); // international, ISDN: a handset
    mo.setDestAddress(new Address((byte) 0, (byte) 0, to));
    mo.setDataCoding((byte) dataCoding);
    mo.setEsmClass((byte) esmClass);
    mo.setShortMessage(shortMessage);
    tlvs.forEach((tag, value) -> mo.addOptionalParameter(new Tlv(tag, value)));
    return mo;
  }

  /** The first 20 characters of the text, user data header skipped, decoded by data_coding (GSM, UCS-2, Latin-1). */
  private static String preview(Submit submit) {
    byte[] message = submit.shortMessage().length == 0 && submit.messagePayloadTlv() != null
        ? submit.messagePayloadTlv() : submit.shortMessage();
    if ((submit.esmClass() & SmppConstants.ESM_CLASS_UDHI_MASK) != 0 && message.length > 0) {
      message = Arrays.copyOfRange(message, Math.min(message.length, 1 + (message[0] & 0xFF)), message.length);
    }
    String text = switch (submit.dataCoding()) {
      case SmppConstants.DATA_CODING_DEFAULT -> CharsetUtil.decode(message, CharsetUtil.CHARSET_GSM);
      case SmppConstants.DATA_CODING_UCS2 -> CharsetUtil.decode(message, CharsetUtil.CHARSET_UCS_2);
      default -> new String(message, StandardCharsets.ISO_8859_1);
    };
    return text.codePoints().limit(PREVIEW_CHARS)
        .map(c -> c < 0x20 || c > 0xFF ? '?' : c) // the receipt itself is sent as Latin-1
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static String address(Address address) {
    return address == null ? null : address.getAddress();
  }
}
