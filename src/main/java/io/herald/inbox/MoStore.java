package io.herald.inbox;

import io.herald.inbox.Reassembly.Assembled;
import io.herald.inbox.Reassembly.Fragment;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for replies (inbound_messages) and the parts of multipart replies (inbound_fragments,
 * inbound_completed). Every value is a bound parameter.
 *
 * <p><b>Why a lock.</b> Parts of one reply can be stored concurrently (an SMSC sends on several
 * sessions, or redelivers while the first try is still being written). Under READ COMMITTED, two
 * transactions that each insert a different last-but-one part would each see only their own part
 * next to the committed ones, neither would see the reply complete, and it would wait for the sweep.
 * {@code SELECT ... FOR UPDATE} cannot help: it does not lock rows that are not there yet. So every
 * transaction that touches one reply's parts first takes a transaction-scoped advisory lock on that
 * reply's key, in a statement of its own (a statement's snapshot is taken when it starts, so the
 * statements after the lock see everything committed by whoever held it before). Under the lock,
 * "count the parts, and if all are there, build the reply and delete the parts" happens once.
 * The lock is on (class 19791, 32-bit hash of the key): a hash collision between two
 * replies only makes them wait for each other. It is released at commit or rollback.
 */
final class MoStore {
  /**
   * The lock on one reply's key. 19791 (0x4D4F, "MO") is this package's advisory lock class, so other
   * users of two-key advisory locks do not collide with it; the key is JSON so no two keys read alike.
   */
  private static final String LOCK = """
      SELECT pg_advisory_xact_lock(19791, hashtext(jsonb_build_array($1::text, $2::text, $3::text,
                                                                     $4::integer, $5::smallint)::text))""";

  /**
   * Is this part a redelivery of a reply already put together? Yes when a reply with this key was
   * completed within the max age and its part seq had the same content. If the content differs, the
   * phone reused the reference for a new reply: the old record is dropped so the new one can complete.
   */
  private static final String ALREADY_COMPLETED = """
      WITH reused AS (
        DELETE FROM inbound_completed
        WHERE smsc = $1 AND source = $2 AND destination = $3 AND reference = $4 AND total = $5
          AND digests[$6] IS DISTINCT FROM sha256($7))
      SELECT count(*) FROM inbound_completed
      WHERE smsc = $1 AND source = $2 AND destination = $3 AND reference = $4 AND total = $5
        AND digests[$6] = sha256($7)""";

  /**
   * Stores a part (a redelivered one changes nothing) and returns every part of its reply so far.
   * The outer SELECT does not see the row its own INSERT adds, hence the UNION with what it returns.
   */
  private static final String ADD_FRAGMENT = """
      WITH added AS (
        INSERT INTO inbound_fragments (smsc, source, destination, reference, total, seq, data_coding, payload,
                                       received_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT DO NOTHING
        RETURNING seq, data_coding, payload, received_at)
      SELECT seq, data_coding, payload, received_at FROM inbound_fragments
      WHERE smsc = $1 AND source = $2 AND destination = $3 AND reference = $4 AND total = $5
      UNION ALL
      SELECT seq, data_coding, payload, received_at FROM added
      ORDER BY seq""";

  /** The last part is in: the reply replaces its parts, and a record of them stays for the max age. */
  private static final String COMPLETE = """
      WITH gone AS (
        DELETE FROM inbound_fragments
        WHERE smsc = $1 AND source = $2 AND destination = $3 AND reference = $4 AND total = $5
        RETURNING seq, payload),
      kept AS (
        INSERT INTO inbound_completed (smsc, source, destination, reference, total, digests)
        SELECT $1, $2, $3, $4, $5, array_agg(sha256(payload) ORDER BY seq) FROM gone HAVING count(*) > 0
        ON CONFLICT (smsc, source, destination, reference, total)
          DO UPDATE SET digests = excluded.digests, completed_at = now())
      INSERT INTO inbound_messages (smsc, sender, recipient, body, data_coding, parts, parts_expected,
                                    incomplete, received_at)
      VALUES ($1, $2, $3, $6, $7, $8, $5, false, $9)
      RETURNING id""";

  private static final String INSERT_MESSAGE = """
      INSERT INTO inbound_messages (smsc, sender, recipient, body, data_coding, parts, parts_expected,
                                    incomplete, received_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      RETURNING id""";

  /** Replies with a part older than the max age (uses inbound_fragments_age). */
  private static final String STALE = """
      SELECT DISTINCT smsc, source, destination, reference, total FROM inbound_fragments
      WHERE received_at < $1 LIMIT $2""";

  private static final String TAKE_FRAGMENTS = """
      DELETE FROM inbound_fragments
      WHERE smsc = $1 AND source = $2 AND destination = $3 AND reference = $4 AND total = $5
      RETURNING seq, data_coding, payload, received_at""";

  private static final String FORGET_COMPLETED = "DELETE FROM inbound_completed WHERE completed_at < $1";

  private final Pool pool;

  MoStore(Pool pool) {
    this.pool = pool;
  }

  /** Where a part belongs. */
  record Key(String smsc, String source, String destination, int reference, int total) {
    static Key of(MoPart p) {
      return new Key(p.smsc(), p.source(), p.destination(), p.reference(), p.total());
    }

    Tuple tuple() {
      return Tuple.of(smsc, source, destination, reference, (short) total);
    }
  }

  /**
   * Stores one part durably. Returns the reply when this part made it complete (a single-part reply
   * always), empty when the reply waits for more parts or the part was a redelivery.
   */
  Future<Optional<InboundMessage>> accept(MoPart part) {
    if (!part.multipart()) {
      Assembled reply = Reassembly.single(part);
      return insert(pool, part.smsc(), part.source(), part.destination(), reply).map(Optional::of);
    }
    Key key = Key.of(part);
    Buffer payload = Buffer.buffer(part.payload());
    return pool.withTransaction(tx -> lock(tx, key)
        .compose(v -> tx.preparedQuery(ALREADY_COMPLETED)
            .execute(key.tuple().addInteger(part.seq()).addBuffer(payload)))
        .compose(seen -> {
          if (seen.iterator().next().getLong(0) > 0) {
            return Future.succeededFuture(Optional.<InboundMessage>empty());
          }
          return tx.preparedQuery(ADD_FRAGMENT)
              .execute(key.tuple().addShort((short) part.seq()).addShort((short) part.dataCoding())
                  .addBuffer(payload).addOffsetDateTime(utc(part.receivedAt())))
              .compose(rows -> {
                List<Fragment> parts = fragments(rows);
                if (parts.size() < key.total()) {
                  return Future.succeededFuture(Optional.<InboundMessage>empty());
                }
                Assembled reply = Reassembly.assemble(parts, key.total());
                return tx.preparedQuery(COMPLETE)
                    .execute(key.tuple().addString(reply.text()).addShort((short) reply.dataCoding())
                        .addShort((short) reply.parts()).addOffsetDateTime(utc(reply.receivedAt())))
                    .map(r -> Optional.of(message(r, key.smsc(), key.source(), key.destination(), reply)));
              });
        }));
  }

  /**
   * Stores every reply that has a part received before {@code olderThan} with the parts it has,
   * marked incomplete; forgets completed replies older than that. One transaction per reply.
   */
  Future<List<InboundMessage>> sweep(Instant olderThan, int limit) {
    List<InboundMessage> made = new ArrayList<>();
    return pool.preparedQuery(STALE).execute(Tuple.of(utc(olderThan), limit))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            Key key = new Key(r.getString("smsc"), r.getString("source"), r.getString("destination"),
                r.getInteger("reference"), r.getInteger("total"));
            chain = chain.compose(v -> takeIncomplete(key).map(m -> {
              m.ifPresent(made::add);
              return null;
            }));
          }
          return chain;
        })
        .compose(v -> pool.preparedQuery(FORGET_COMPLETED).execute(Tuple.of(utc(olderThan))))
        .map(v -> made);
  }

  private Future<Optional<InboundMessage>> takeIncomplete(Key key) {
    return pool.withTransaction(tx -> lock(tx, key)
        .compose(v -> tx.preparedQuery(TAKE_FRAGMENTS).execute(key.tuple()))
        .compose(rows -> {
          List<Fragment> parts = fragments(rows);
          if (parts.isEmpty()) { // completed or swept meanwhile
            return Future.succeededFuture(Optional.<InboundMessage>empty());
          }
          parts.sort((a, b) -> Integer.compare(a.seq(), b.seq()));
          Assembled reply = Reassembly.assemble(parts, key.total());
          return insert(tx, key.smsc(), key.source(), key.destination(), reply).map(Optional::of);
        }));
  }

  private static Future<Void> lock(SqlClient tx, Key key) {
    return tx.preparedQuery(LOCK).execute(key.tuple()).mapEmpty();
  }

  private static Future<InboundMessage> insert(SqlClient client, String smsc, String from, String to,
                                               Assembled reply) {
    return client.preparedQuery(INSERT_MESSAGE)
        .execute(Tuple.of(smsc, from, to, reply.text(), (short) reply.dataCoding(), (short) reply.parts())
            .addShort((short) reply.partsExpected()).addBoolean(reply.incomplete())
            .addOffsetDateTime(utc(reply.receivedAt())))
        .map(rows -> message(rows, smsc, from, to, reply));
  }

  private static InboundMessage message(RowSet<Row> rows, String smsc, String from, String to, Assembled reply) {
    return new InboundMessage(rows.iterator().next().getLong("id"), smsc, from, to, reply.text(),
        reply.dataCoding(), reply.parts(), reply.partsExpected(), reply.incomplete(), reply.receivedAt());
  }

  private static List<Fragment> fragments(RowSet<Row> rows) {
    List<Fragment> parts = new ArrayList<>(rows.size());
    for (Row r : rows) {
      parts.add(new Fragment(r.getInteger("seq"), r.getInteger("data_coding"), r.getBuffer("payload").getBytes(),
          r.getOffsetDateTime("received_at").toInstant()));
    }
    return parts;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
