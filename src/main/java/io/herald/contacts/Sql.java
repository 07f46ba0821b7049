package io.herald.contacts;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Small helpers shared by this package's SQL. */
final class Sql {
  private Sql() {}

  /**
   * Parameters that are arrays, one per placeholder. (Tuple.of(a, b) with arrays would pick the
   * varargs overload and spread the second array into separate parameters.)
   */
  static Tuple arrays(Object[]... columns) {
    return Tuple.wrap((Object[]) columns);
  }

  /**
   * A value and an array as two parameters: Tuple.of(value, array) would take the array as the
   * varargs of Tuple.of(Object, Object...) and spread it.
   */
  static Tuple pair(Object value, Object[] array) {
    return Tuple.tuple().addValue(value).addValue(array);
  }

  static String time(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }
}
