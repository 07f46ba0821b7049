package io.herald.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * A whole CSV download read through a cursor: the header, then a line per row as PostgreSQL hands
 * them over, pausing the cursor while the reader is slow, so a million-row report never sits in
 * memory. The caller decides what the stream is (an HTTP response, a file).
 */
public final class CsvStream {
  private static final int FETCH = 500;

  private CsvStream() {}

  public static Future<Void> write(Pool pool, String sql, Tuple args, List<String> header,
                                   Function<Row, List<?>> line, WriteStream<Buffer> out) {
    return pool.withTransaction(conn -> conn.prepare(sql).compose(statement -> {
      Promise<Void> done = Promise.promise();
      var rows = statement.createStream(FETCH, args);
      out.write(Buffer.buffer(Csv.line(header)));
      rows.exceptionHandler(done::tryFail);
      rows.endHandler(v -> done.tryComplete());
      rows.handler(r -> {
        out.write(Buffer.buffer(Csv.line(line.apply(r))));
        if (out.writeQueueFull()) {
          rows.pause();
          out.drainHandler(x -> rows.resume());
        }
      });
      return done.future();
    }));
  }
}
