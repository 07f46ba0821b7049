package io.herald.smsc;

import io.herald.accounts.SenderKind;
import io.herald.config.SmscConfig;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.Udh;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;

/**
 * How a connection puts a text on the wire: its parts (8-bit concatenation UDH, sar_* TLVs, or one
 * message_payload, per {@code split}) and the source address with its TON and NPI.
 */
final class WireParts {
  /** One submit_sm's worth: its short_message, esm_class and TLVs. */
  record Wire(byte[] shortMessage, ESMClass esm, OptionalParameter[] tlvs) {}

  private final SmscConfig config;
  private final AtomicInteger concatReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(65536));

  WireParts(SmscConfig config) {
    this.config = config;
  }

  List<Wire> of(EncodedText text) {
    int total = text.segments();
    if (total == 1) {
      return List.of(new Wire(text.parts().get(0), new ESMClass(), new OptionalParameter[0]));
    }
    int reference = concatReference.getAndIncrement() & 0xFFFF;
    List<Wire> wire = new ArrayList<>(total);
    switch (config.split()) {
      case PAYLOAD -> {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        text.parts().forEach(whole::writeBytes);
        wire.add(new Wire(new byte[0], new ESMClass(), new OptionalParameter[] {
            new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), whole.toByteArray())}));
      }
      case SAR -> {
        for (int i = 0; i < total; i++) {
          wire.add(new Wire(text.parts().get(i), new ESMClass(), new OptionalParameter[] {
              new OptionalParameter.Short(OptionalParameter.Tag.SAR_MSG_REF_NUM, (short) reference),
              new OptionalParameter.Byte(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS, (byte) total),
              new OptionalParameter.Byte(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM, (byte) (i + 1))}));
        }
      }
      case UDH -> {
        ESMClass udhi = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
        for (int i = 0; i < total; i++) {
          byte[] udh = Udh.concat8(reference & 0xFF, total, i + 1);
          byte[] payload = text.parts().get(i);
          byte[] sm = new byte[udh.length + payload.length];
          System.arraycopy(udh, 0, sm, 0, udh.length);
          System.arraycopy(payload, 0, sm, udh.length, payload.length);
          wire.add(new Wire(sm, udhi, new OptionalParameter[0]));
        }
      }
    }
    return wire;
  }

  TypeOfNumber sourceTon(String source) {
    if (config.sourceTon() >= 0) {
      return TypeOfNumber.valueOf((byte) config.sourceTon());
    }
    return switch (SenderKind.of(source)) {
      case ALPHANUMERIC -> TypeOfNumber.ALPHANUMERIC;
      case SHORT_CODE -> TypeOfNumber.NETWORK_SPECIFIC;
      case LONG_CODE -> TypeOfNumber.INTERNATIONAL;
    };
  }

  NumberingPlanIndicator sourceNpi(String source) {
    if (config.sourceNpi() >= 0) {
      return NumberingPlanIndicator.valueOf((byte) config.sourceNpi());
    }
    return SenderKind.of(source) == SenderKind.LONG_CODE ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
  }

  static String sourceAddress(String address) {
    return SenderKind.of(address) == SenderKind.LONG_CODE ? strip(address) : address;
  }

  static String strip(String e164) {
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }
}
