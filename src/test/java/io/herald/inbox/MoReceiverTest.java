package io.herald.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.smsc.MoFragment;
import io.herald.smsc.MoHandOff;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextDecoder;
import io.herald.smsc.encoding.TextEncoder;
import io.herald.smsc.encoding.Udh;
import io.herald.store.Database;
import io.herald.testing.Await;
import io.herald.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replies through MoReceiver into a real, migrated PostgreSQL database, and out on inbox.received. */
class MoReceiverTest {
  static final String SMSC = "carrier-a";
  static final String OUR_NUMBER = "12025550100";
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final AtomicLong phones = new AtomicLong(12025551000L);
  static final Map<String, BlockingQueue<JsonObject>> inbox = new ConcurrentHashMap<>();

  static TestDatabase db;
  static Vertx vertx;
  static Pool pool;
  static SimpleMeterRegistry registry;
  static MoReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    Database database = new Database(db.url());
    Await.result(database.migrate(vertx));
    pool = database.pool(vertx, 4);
    registry = new SimpleMeterRegistry();
    Await.result(vertx.eventBus().<JsonObject>consumer(MoReceiver.RECEIVED,
        m -> inbox(m.body().getString("from")).add(m.body())).completion());
    // the periodic sweep stays out of the way; tests call sweep() themselves
    receiver = new MoReceiver(pool, registry, Duration.ofHours(24), Duration.ofHours(1));
    Await.result(vertx.deployVerticle(receiver));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (db != null) {
      db.close();
    }
  }

  // ---- single part ----

  @Test
  void aGsmReplyIsStoredAndPublished() throws Exception {
    String phone = phone();
    String text = "Yes, 10:00 is fine. Thanks! {ok} €5 @home";
    EncodedText gsm = TextEncoder.encode(text);
    assertEquals(0x00, gsm.encoding().dataCoding());
    deliver(single(phone, "55555", 0x00, gsm.parts().get(0)));

    JsonObject published = next(phone);
    assertEquals(text, published.getString("text"));
    assertEquals("+" + phone, published.getString("from"), "an international number gets its +");
    assertEquals("55555", published.getString("to"), "a short code stays as it is");
    assertEquals(SMSC, published.getString("smsc"));
    assertEquals(1, published.getInteger("parts"));
    assertFalse(published.getBoolean("incomplete"));
    Instant.parse(published.getString("receivedAt"));

    Row row = row(published.getLong("id"));
    assertEquals(text, row.getString("body"));
    assertEquals("+" + phone, row.getString("sender"));
    assertEquals("55555", row.getString("recipient"));
    assertEquals(0, row.getInteger("data_coding"));
    assertEquals(1, row.getInteger("parts"));
    assertFalse(row.getBoolean("incomplete"));
    assertEquals(Instant.parse(published.getString("receivedAt")), row.getOffsetDateTime("received_at").toInstant());
  }

  @Test
  void aUcs2ReplyWithAnEmojiKeepsIt() throws Exception {
    String phone = phone();
    String text = "Merci 😀 à demain — Ж";
    deliver(single(phone, OUR_NUMBER, 0x08, text.getBytes(StandardCharsets.UTF_16BE)));
    JsonObject published = next(phone);
    assertEquals(text, published.getString("text"));
    assertEquals("+" + OUR_NUMBER, published.getString("to"));
    assertEquals(text, row(published.getLong("id")).getString("body"));
    assertEquals(8, row(published.getLong("id")).getInteger("data_coding"));
  }

  @Test
  void aLatin1ReplyIsReadAsLatin1() throws Exception {
    String phone = phone();
    String text = "Très bien, à bientôt! ¿Qué? £5 ÿ";
    deliver(single(phone, OUR_NUMBER, 0x03, text.getBytes(StandardCharsets.ISO_8859_1)));
    JsonObject published = next(phone);
    assertEquals(text, published.getString("text"));
    assertEquals(text, row(published.getLong("id")).getString("body"));
  }

  @Test
  void messagePayloadIsReadWhenShortMessageIsEmpty() throws Exception {
    String phone = phone();
    String text = "A long reply in the message payload TLV, longer than any short message can be. ".repeat(10);
    deliver(new MoFragment(SMSC, phone, OUR_NUMBER, 0x00, 0x00, new byte[0],
        text.getBytes(StandardCharsets.US_ASCII), null, null, null, Instant.now()));
    assertEquals(text, next(phone).getString("text"));
  }

  @Test
  void aNulInTheTextIsStoredAsAReplacementCharacter() throws Exception {
    String phone = phone();
    deliver(single(phone, OUR_NUMBER, 0x08, new byte[] {0x00, 0x41, 0x00, 0x00, 0x00, 0x42}));
    assertEquals("A\uFFFDB", next(phone).getString("text"));
  }

  // ---- multipart ----

  @Test
  void threeUdhPartsWithAn8BitReferenceArrivingOutOfOrderMakeOneReply() throws Exception {
    String phone = phone();
    String text = "Hello, this is a long reply from a patient who has a lot to say about the appointment. ".repeat(4);
    List<byte[]> parts = TextEncoder.encode(text).parts();
    assertEquals(3, parts.size());

    deliver(udh8(phone, 0xA7, 3, 3, 0x00, parts.get(2)));
    deliver(udh8(phone, 0xA7, 3, 1, 0x00, parts.get(0)));
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+" + phone + "'"),
        "nothing until every part is in");
    assertEquals(2, db.queryLong("SELECT count(*) FROM inbound_fragments WHERE source = '+" + phone + "'"));
    deliver(udh8(phone, 0xA7, 3, 2, 0x00, parts.get(1)));

    JsonObject published = next(phone);
    assertEquals(text, published.getString("text"));
    assertEquals(3, published.getInteger("parts"));
    assertFalse(published.getBoolean("incomplete"));
    assertEquals(text, row(published.getLong("id")).getString("body"));
    assertEquals(1, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+" + phone + "'"));
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_fragments WHERE source = '+" + phone + "'"));
  }

  @Test
  void udhPartsWithA16BitReferenceMakeOneReply() throws Exception {
    String phone = phone();
    String text = "Sí, confirmo la cita del martes 😀 gracias ".repeat(5);
    List<byte[]> parts = TextEncoder.encode(text).parts();
    assertEquals(4, parts.size());
    deliver(udh16(phone, 0xBEEF, 4, 2, 0x08, parts.get(1)));
    deliver(udh16(phone, 0xBEEF, 4, 4, 0x08, parts.get(3)));
    deliver(udh16(phone, 0xBEEF, 4, 1, 0x08, parts.get(0)));
    deliver(udh16(phone, 0xBEEF, 4, 3, 0x08, parts.get(2)));
    JsonObject published = next(phone);
    assertEquals(text, published.getString("text"));
    assertEquals(4, published.getInteger("parts"));
  }

  @Test
  void sarTlvPartsMakeOneReply() throws Exception {
    String phone = phone();
    String text = "Replying with SAR TLVs instead of a UDH, as some SMSCs do for multipart MO. ".repeat(3);
    List<byte[]> parts = TextEncoder.encode(text).parts();
    assertEquals(2, parts.size());
    deliver(sar(phone, 0x1234, 2, 2, parts.get(1)));
    deliver(sar(phone, 0x1234, 2, 1, parts.get(0)));
    JsonObject published = next(phone);
    assertEquals(text, published.getString("text"));
    assertEquals(2, published.getInteger("parts"));
  }

  @Test
  void aRedeliveredPartMakesNoSecondReply() throws Exception {
    String phone = phone();
    String text = "A reply that the SMSC sends twice, because it did not hear our deliver_sm_resp in time. ".repeat(2);
    List<byte[]> parts = TextEncoder.encode(text).parts();
    assertEquals(2, parts.size());
    deliver(udh8(phone, 7, 2, 1, 0x00, parts.get(0)));
    deliver(udh8(phone, 7, 2, 1, 0x00, parts.get(0))); // redelivered while waiting for part 2
    deliver(udh8(phone, 7, 2, 2, 0x00, parts.get(1)));
    assertEquals(text, next(phone).getString("text"));
    deliver(udh8(phone, 7, 2, 2, 0x00, parts.get(1))); // redelivered after the reply was put together
    deliver(udh8(phone, 7, 2, 1, 0x00, parts.get(0)));

    assertEquals(1, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+" + phone + "'"));
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_fragments WHERE source = '+" + phone + "'"),
        "a late redelivery does not wait as the start of a reply that never completes");

    // the phone reuses reference 7 for its next long reply: that is a new reply, not a redelivery
    String next = "And here is another long reply, with the same concatenation reference as the first. ".repeat(2);
    List<byte[]> nextParts = TextEncoder.encode(next).parts();
    deliver(udh8(phone, 7, 2, 1, 0x00, nextParts.get(0)));
    deliver(udh8(phone, 7, 2, 2, 0x00, nextParts.get(1)));
    assertEquals(next, next(phone).getString("text"));
    assertEquals(2, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+" + phone + "'"));
  }

  @Test
  void aSurrogatePairSplitAcrossTwoPartsComesOutWhole() throws Exception {
    String phone = phone();
    String text = "Hi 😀 there";
    byte[] all = text.getBytes(StandardCharsets.UTF_16BE);
    int cut = (text.indexOf("😀") + 1) * 2; // between the high and the low surrogate
    assertTrue(Character.isHighSurrogate(text.charAt(cut / 2 - 1)));
    deliver(udh8(phone, 200, 2, 2, 0x08, Arrays.copyOfRange(all, cut, all.length)));
    deliver(udh8(phone, 200, 2, 1, 0x08, Arrays.copyOfRange(all, 0, cut)));
    assertEquals(text, next(phone).getString("text"));
  }

  @Test
  void aGsmEscapeSplitAcrossTwoPartsComesOutWhole() throws Exception {
    String phone = phone();
    byte[] all = TextEncoder.encode("Costs 5€ each").parts().get(0);
    int cut = "Costs 5".length() + 1; // after the 0x1B escape of €
    assertEquals(0x1B, all[cut - 1]);
    deliver(udh8(phone, 9, 2, 1, 0x00, Arrays.copyOfRange(all, 0, cut)));
    deliver(udh8(phone, 9, 2, 2, 0x00, Arrays.copyOfRange(all, cut, all.length)));
    assertEquals("Costs 5€ each", next(phone).getString("text"));
  }

  @Test
  void twoLastPartsArrivingTogetherMakeExactlyOneReply() throws Exception {
    List<String> senders = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      String phone = phone();
      senders.add(phone);
      deliver(udh8(phone, round, 3, 1, 0x00, "one ".getBytes(StandardCharsets.US_ASCII)));
      Future<?> second = vertx.eventBus().request(MoHandOff.FRAGMENTS,
          udh8(phone, round, 3, 2, 0x00, "two ".getBytes(StandardCharsets.US_ASCII)));
      Future<?> third = vertx.eventBus().request(MoHandOff.FRAGMENTS,
          udh8(phone, round, 3, 3, 0x00, "three".getBytes(StandardCharsets.US_ASCII)));
      Await.result(Future.all(second, third));
    }
    for (String phone : senders) {
      assertEquals(1, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+" + phone + "'"),
          "exactly one reply, not none (each saw only its own part) and not two");
      assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_fragments WHERE source = '+" + phone + "'"));
      assertEquals("one two three", next(phone).getString("text"));
    }
  }

  // ---- sweep ----

  @Test
  void partsOlderThanTheMaxAgeAreStoredAsAnIncompleteReply() throws Exception {
    String phone = phone();
    String waiting = phone();
    Instant dayAndAHourAgo = Instant.now().minus(Duration.ofHours(25));
    String text = "This long reply lost its middle part somewhere between the phone and the SMSC, sadly. ".repeat(4);
    List<byte[]> parts = TextEncoder.encode(text).parts();
    assertEquals(3, parts.size());
    deliver(udh8(phone, 42, 3, 1, 0x00, parts.get(0), dayAndAHourAgo));
    deliver(udh8(phone, 42, 3, 3, 0x00, parts.get(2), dayAndAHourAgo.plusSeconds(5)));
    deliver(udh8(waiting, 42, 3, 1, 0x00, parts.get(0))); // recent: keeps waiting

    assertTrue(Await.result(receiver.sweep()) >= 1);

    JsonObject published = next(phone);
    String expected = TextDecoder.decode(parts.get(0), 0x00) + Reassembly.MISSING + TextDecoder.decode(parts.get(2), 0x00);
    assertEquals(expected, published.getString("text"));
    assertTrue(published.getBoolean("incomplete"));
    assertEquals(2, published.getInteger("parts"));
    assertEquals(3, published.getInteger("partsExpected"));
    assertEquals(dayAndAHourAgo.truncatedTo(ChronoUnit.MICROS),
        Instant.parse(published.getString("receivedAt")), "received when its first part arrived");
    Row row = row(published.getLong("id"));
    assertTrue(row.getBoolean("incomplete"));
    assertEquals(expected, row.getString("body"));
    assertEquals(2, row.getInteger("parts"));
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_fragments WHERE source = '+" + phone + "'"));
    assertEquals(1, db.queryLong("SELECT count(*) FROM inbound_fragments WHERE source = '+" + waiting + "'"));
    assertEquals(0, db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '+" + waiting + "'"));
  }

  // ---- metrics ----

  @Test
  void metricsCountRepliesAndFragmentsBySmsc() throws Exception {
    String smsc = "metered";
    String phone = phone();
    deliver(new MoFragment(smsc, phone, OUR_NUMBER, 0, 0, "one".getBytes(StandardCharsets.US_ASCII), null,
        null, null, null, Instant.now()));
    deliver(new MoFragment(smsc, phone, OUR_NUMBER, 0, 0, "a".getBytes(StandardCharsets.US_ASCII), null,
        5, 2, 1, Instant.now()));
    deliver(new MoFragment(smsc, phone, OUR_NUMBER, 0, 0, "b".getBytes(StandardCharsets.US_ASCII), null,
        5, 2, 2, Instant.now()));
    assertEquals("one", next(phone).getString("text"));
    assertEquals("ab", next(phone).getString("text"));
    assertEquals(2.0, registry.get("herald_mo_received").tag("smsc", smsc).counter().count());
    assertEquals(3.0, registry.get("herald_mo_fragments").tag("smsc", smsc).counter().count());
  }

  // ---- helpers ----

  /** A fresh 11-digit number per test, so tests sharing the database do not see each other's replies. */
  static String phone() {
    return String.valueOf(phones.incrementAndGet());
  }

  static BlockingQueue<JsonObject> inbox(String from) {
    return inbox.computeIfAbsent(from, k -> new LinkedBlockingQueue<>());
  }

  /** The next reply published from this phone (bare digits as the SMSC sends them). */
  static JsonObject next(String phone) throws InterruptedException {
    JsonObject message = inbox("+" + phone).poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(message, "a reply from " + phone + " is published on " + MoReceiver.RECEIVED);
    return message;
  }

  /** As the SMPP side does it: waits until stored (the deliver_sm_resp status 0). */
  static void deliver(MoFragment fragment) throws Exception {
    assertEquals(0, Await.result(MoHandOff.deliver(vertx, fragment, TIMEOUT)), "stored, answered with status 0");
  }

  static Row row(long id) throws Exception {
    return Await.result(pool.preparedQuery("SELECT * FROM inbound_messages WHERE id = $1").execute(Tuple.of(id)))
        .iterator().next();
  }

  static MoFragment single(String from, String to, int dataCoding, byte[] text) {
    return new MoFragment(SMSC, from, to, dataCoding, 0x00, text, null, null, null, null, Instant.now());
  }

  static MoFragment udh8(String from, int ref, int total, int seq, int dataCoding, byte[] payload) {
    return udh8(from, ref, total, seq, dataCoding, payload, Instant.now());
  }

  static MoFragment udh8(String from, int ref, int total, int seq, int dataCoding, byte[] payload, Instant at) {
    return new MoFragment(SMSC, from, OUR_NUMBER, dataCoding, MoPart.UDHI,
        concat(Udh.concat8(ref, total, seq), payload), null, null, null, null, at);
  }

  static MoFragment udh16(String from, int ref, int total, int seq, int dataCoding, byte[] payload) {
    return new MoFragment(SMSC, from, OUR_NUMBER, dataCoding, MoPart.UDHI,
        concat(Udh.concat16(ref, total, seq), payload), null, null, null, null, Instant.now());
  }

  static MoFragment sar(String from, int ref, int total, int seq, byte[] payload) {
    return new MoFragment(SMSC, from, OUR_NUMBER, 0x00, 0x00, payload, null, ref, total, seq, Instant.now());
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

}
