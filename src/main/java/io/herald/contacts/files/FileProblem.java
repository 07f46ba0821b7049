package io.herald.contacts.files;

/** The uploaded file as a whole cannot be read; the message names the file and says why. */
public final class FileProblem extends Exception {
  public FileProblem(String message) {
    super(message, null, false, false);
  }
}
