package io.herald.drop;

/** The words a dropped file's outcome is reported in: in its result file, its summary row and the upload's answer. */
final class FileVerdicts {
  private FileVerdicts() {}

  /** What keeps a read file from being sent, or null when its rows go. */
  static String problem(FileReading.Outcome outcome) {
    if (outcome.problem() != null) {
      return outcome.problem() + (outcome.accepted() + outcome.rejected() > 0
          ? "; nothing from the file was sent" : "");
    }
    if (outcome.rows() == 0) {
      return outcome.hadHeader() ? "the file has a header row but no data rows" : "the file has no data rows";
    }
    if (outcome.accepted() == 0) {
      return noValidRow(outcome.rows());
    }
    return null;
  }

  static String noValidRow(long rows) {
    return "no valid row: " + (rows == 1 ? "the only row was" : "all " + rows + " rows were")
        + " rejected (see the result file)";
  }

  static String summaryText(long rows, long accepted, long rejected, String outcome) {
    return rows + (rows == 1 ? " row: " : " rows: ") + accepted + " accepted, " + rejected + " rejected; " + outcome;
  }
}
