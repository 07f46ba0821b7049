package io.herald.contacts;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Something the import wizard can load besides contacts (appointments): the columns a file of it
 * has, with the headers each is known by, and where its rows go. The wizard reads the file, guesses
 * and assigns the columns, and hands the rows over a chunk at a time.
 */
public interface ImportTarget {
  /** As the API names it: {"target": "appointments"}. */
  String name();

  /** The columns, in the order the wizard offers them. */
  List<Column> columns();

  /** What the assigned columns lack for a row to be saved ("assign a column to ..."), or null when nothing. */
  String missing(Set<String> assigned);

  /** Saves one chunk; each row maps a column key to its cell text. */
  Future<Saved> save(long accountId, List<Map<String, String>> rows);

  /** A column: key, label, and the plain header words (lower case, letters and digits) it is known by. */
  record Column(String key, String label, List<String> headers) {}

  /** What a chunk did: rows that made something new, rows that changed what was there, rows refused. */
  record Saved(int created, int updated, List<Refused> refused) {}

  /** A refused row: its index in the chunk, the column key at fault (or null), the value and why. */
  record Refused(int index, String key, String value, String reason) {}
}
