package io.herald.smsc;

import java.util.List;

/**
 * The result of submitting one message (all of its parts) on one connection. partIds holds the
 * normalised SMSC ids of the parts that were accepted, in order.
 */
public record SubmitOutcome(String smsc, List<String> partIds, Kind kind, String errorCode, String errorDetail) {
  public enum Kind { SUBMITTED, TEMPORARY_ERROR, PERMANENT_ERROR }

  public static SubmitOutcome submitted(String smsc, List<String> partIds) {
    return new SubmitOutcome(smsc, partIds, Kind.SUBMITTED, null, null);
  }

  public static SubmitOutcome temporary(String smsc, List<String> partIds, String code, String detail) {
    return new SubmitOutcome(smsc, partIds, Kind.TEMPORARY_ERROR, code, detail);
  }

  public static SubmitOutcome permanent(String smsc, List<String> partIds, String code, String detail) {
    return new SubmitOutcome(smsc, partIds, Kind.PERMANENT_ERROR, code, detail);
  }
}
