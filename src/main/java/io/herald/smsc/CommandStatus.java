package io.herald.smsc;

import java.util.Map;

/**
 * SMPP command_status values: their names, and whether a failed submit is worth another try.
 * Anything not listed as temporary is permanent: retrying a bad address only wastes throughput.
 */
public final class CommandStatus {
  public static final int OK = 0x00;
  public static final int ESME_RSYSERR = 0x08;
  public static final int ESME_RMSGQFUL = 0x14;
  public static final int ESME_RTHROTTLED = 0x58;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(0x00, "ESME_ROK"),
      Map.entry(0x01, "ESME_RINVMSGLEN"),
      Map.entry(0x02, "ESME_RINVCMDLEN"),
      Map.entry(0x03, "ESME_RINVCMDID"),
      Map.entry(0x04, "ESME_RINVBNDSTS"),
      Map.entry(0x05, "ESME_RALYBND"),
      Map.entry(0x06, "ESME_RINVPRTFLG"),
      Map.entry(0x07, "ESME_RINVREGDLVFLG"),
      Map.entry(0x08, "ESME_RSYSERR"),
      Map.entry(0x0A, "ESME_RINVSRCADR"),
      Map.entry(0x0B, "ESME_RINVDSTADR"),
      Map.entry(0x0C, "ESME_RINVMSGID"),
      Map.entry(0x0D, "ESME_RBINDFAIL"),
      Map.entry(0x0E, "ESME_RINVPASWD"),
      Map.entry(0x0F, "ESME_RINVSYSID"),
      Map.entry(0x11, "ESME_RCANCELFAIL"),
      Map.entry(0x13, "ESME_RREPLACEFAIL"),
      Map.entry(0x14, "ESME_RMSGQFUL"),
      Map.entry(0x15, "ESME_RINVSERTYP"),
      Map.entry(0x33, "ESME_RINVNUMDESTS"),
      Map.entry(0x34, "ESME_RINVDLNAME"),
      Map.entry(0x40, "ESME_RINVDESTFLAG"),
      Map.entry(0x42, "ESME_RINVSUBREP"),
      Map.entry(0x43, "ESME_RINVESMCLASS"),
      Map.entry(0x44, "ESME_RCNTSUBDL"),
      Map.entry(0x45, "ESME_RSUBMITFAIL"),
      Map.entry(0x48, "ESME_RINVSRCTON"),
      Map.entry(0x49, "ESME_RINVSRCNPI"),
      Map.entry(0x50, "ESME_RINVDSTTON"),
      Map.entry(0x51, "ESME_RINVDSTNPI"),
      Map.entry(0x53, "ESME_RINVSYSTYP"),
      Map.entry(0x54, "ESME_RINVREPFLAG"),
      Map.entry(0x55, "ESME_RINVNUMMSGS"),
      Map.entry(0x58, "ESME_RTHROTTLED"),
      Map.entry(0x61, "ESME_RINVSCHED"),
      Map.entry(0x62, "ESME_RINVEXPIRY"),
      Map.entry(0x63, "ESME_RINVDFTMSGID"),
      Map.entry(0x64, "ESME_RX_T_APPN"),
      Map.entry(0x65, "ESME_RX_P_APPN"),
      Map.entry(0x66, "ESME_RX_R_APPN"),
      Map.entry(0x67, "ESME_RQUERYFAIL"),
      Map.entry(0xC0, "ESME_RINVOPTPARSTREAM"),
      Map.entry(0xC1, "ESME_ROPTPARNOTALLWD"),
      Map.entry(0xC2, "ESME_RINVPARLEN"),
      Map.entry(0xC3, "ESME_RMISSINGOPTPARAM"),
      Map.entry(0xC4, "ESME_RINVOPTPARAMVAL"),
      Map.entry(0xFE, "ESME_RDELIVERYFAILURE"),
      Map.entry(0xFF, "ESME_RUNKNOWNERR"));

  private CommandStatus() {}

  public static String name(int status) {
    return NAMES.getOrDefault(status, "UNKNOWN");
  }

  /** The SMSC is busy or broken right now; the same submit may succeed later. */
  public static boolean isTemporary(int status) {
    return status == ESME_RSYSERR || status == ESME_RMSGQFUL || status == ESME_RTHROTTLED
        || status == 0x64; // ESME_RX_T_APPN: temporary application error
  }

  public static boolean isThrottling(int status) {
    return status == ESME_RTHROTTLED || status == ESME_RMSGQFUL;
  }

  /** e.g. {@code 0x0000000B ESME_RINVDSTADR}. */
  public static String describe(int status) {
    return String.format("0x%08X %s", status, name(status));
  }

  public static String hex(int status) {
    return String.format("0x%08X", status);
  }
}
