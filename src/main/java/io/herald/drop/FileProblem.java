package io.herald.drop;

/** Why a whole file goes to error/ unread (or unread past some point): the reason the customer sees. */
final class FileProblem extends Exception {
  FileProblem(String reason) {
    super(reason, null, false, false);
  }
}
