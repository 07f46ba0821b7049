package io.herald.messages;

import io.vertx.sqlclient.Tuple;

/** Statement parameters that are arrays, one per placeholder, for the unnest batch writes. */
final class ArrayParams {
  private ArrayParams() {}

  /** (Tuple.of(a, b) with arrays would pick the varargs overload and spread the second array into separate parameters.) */
  static Tuple tuple(Object[]... columns) {
    Tuple tuple = Tuple.tuple(); // growable: a caller may add plain values after the arrays
    for (Object[] column : columns) {
      tuple.addValue(column);
    }
    return tuple;
  }
}
