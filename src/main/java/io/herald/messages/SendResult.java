package io.herald.messages;

import java.time.Instant;
import java.util.List;

/**
 * What became of one send attempt. partIds are the SMSC's ids of the parts that went out, in order
 * (possibly fewer than the segments when a later part was refused).
 */
public record SendResult(
    long messageId, MessageState state, String smsc, List<String> partIds, Instant retryAt,
    String errorCode, String errorDetail, boolean attempted) {

  public static SendResult submitted(long id, String smsc, List<String> partIds) {
    return new SendResult(id, MessageState.SUBMITTED, smsc, partIds, null, null, null, true);
  }

  public static SendResult retry(long id, String smsc, List<String> partIds, Instant at, String code, String detail) {
    return new SendResult(id, MessageState.QUEUED, smsc, partIds, at, code, detail, true);
  }

  /** Back to the queue without having been tried (no connection could take it): not an attempt. */
  public static SendResult notTried(long id, Instant at, String detail) {
    return new SendResult(id, MessageState.QUEUED, null, List.of(), at, "no route", detail, false);
  }

  /** Its time ran out (the job's end) before it could go. */
  public static SendResult expired(long id, String smsc, List<String> partIds, String code, String detail) {
    return new SendResult(id, MessageState.EXPIRED, smsc, partIds, null, code, detail, true);
  }

  public static SendResult failed(long id, String smsc, List<String> partIds, String code, String detail) {
    return new SendResult(id, MessageState.FAILED, smsc, partIds, null, code, detail, true);
  }
}
