package io.herald.contacts.files;

import java.io.Closeable;

/** Rows of an uploaded table, read one at a time (blocking: use it on a worker thread). */
public interface TableReader extends Closeable {
  /** The next row, or null after the last one. */
  RawRow next() throws FileProblem;
}
