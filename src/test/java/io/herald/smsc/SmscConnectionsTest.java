package io.herald.smsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.testing.Api;
import io.herald.testing.Await;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Herald's SMPP client against an independent SMSC (cloudhopper-smpp's server). */
class SmscConnectionsTest {
  static TestDatabase db;
  final List<CloudhopperSmsc> smscs = new ArrayList<>();
  Herald herald;
  Api api;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @AfterEach
  void stop() {
    TestHerald.stop(herald);
    smscs.forEach(CloudhopperSmsc::close);
  }

  private CloudhopperSmsc smsc() throws Exception {
    CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(20);
    // ids unique across the tests of this class, which share a database and connection names
    long base = ID_BASE.addAndGet(1_000_000);
    smsc.messageIdFormat(n -> Long.toString(base + n));
    smscs.add(smsc);
    return smsc;
  }

  private static JsonObject connection(String name, CloudhopperSmsc smsc) {
    return new JsonObject().put("name", name).put("port", smsc.port()).put("systemId", "carrier")
        .put("password", "pw").put("window", 10).put("tps", 1000).put("responseTimeoutMillis", 2000)
        .put("reconnectMinMillis", 50).put("reconnectMaxMillis", 500);
  }

  private void start(JsonObject overrides) {
    herald = TestHerald.start(TestHerald.config(db, overrides.put("dispatch",
        new JsonObject().put("pollMillis", 50).put("retryMinMillis", 100).put("retryMaxMillis", 500).put("maxAttempts", 20))));
    api = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    new Api(herald.httpPort(), null, null).await("/health", h -> h.getString("status").equals("up"));
  }

  private void startWith(JsonObject... connections) {
    JsonArray list = new JsonArray();
    for (JsonObject c : connections) {
      list.add(c);
    }
    start(new JsonObject().put("smsc", list));
  }

  private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(2000);
  private static final java.util.concurrent.atomic.AtomicLong ID_BASE = new java.util.concurrent.atomic.AtomicLong();

  /** Sends n texts to distinct numbers; returns their ids. */
  private List<Long> send(int n, String body) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(send("+1202555" + NEXT_NUMBER.getAndIncrement(), body));
    }
    return ids;
  }

  private long send(String to, String body) {
    Api.Response r = api.post("/api/v1/messages", new JsonObject().put("to", to).put("body", body));
    assertEquals(202, r.status(), r.body());
    return r.json().getLong("id");
  }

  private JsonObject awaitStatus(long id, String status) {
    return api.await("/api/v1/messages/" + id, m -> m.getString("status").equals(status));
  }

  private static Map<String, Long> acceptedPerDestination(CloudhopperSmsc smsc) {
    return smsc.submits().stream().filter(s -> s.messageId() != null)
        .collect(Collectors.groupingBy(CloudhopperSmsc.Submit::destination, Collectors.counting()));
  }

  @Test
  void submitsNeverExceedTheConnectionsTps() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc).put("tps", 40));
    List<Long> ids = send(120, "paced");
    ids.forEach(id -> awaitStatus(id, "delivered"));
    Map<Long, Integer> perSecond = smsc.submitsPerSecond();
    perSecond.forEach((second, count) -> assertTrue(count <= 40, "second " + second + " saw " + count + " submits: " + perSecond));
    assertEquals(120, perSecond.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void aThrottledBurstStillDeliversEveryMessageOnce() throws Exception {
    CloudhopperSmsc smsc = smsc();
    AtomicInteger answered = new AtomicInteger();
    smsc.responder(submit -> answered.incrementAndGet() <= 25 ? 0x58 : 0); // the first 25 submits: ESME_RTHROTTLED
    startWith(connection("carrier", smsc));
    List<Long> ids = send(40, "burst");
    ids.forEach(id -> awaitStatus(id, "delivered"));
    Map<String, Long> accepted = acceptedPerDestination(smsc);
    assertEquals(40, accepted.size());
    accepted.forEach((destination, count) -> assertEquals(1L, count, destination + " accepted twice"));
    JsonObject carrier = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD)
        .get("/api/v1/smsc").json().getJsonArray("connections").getJsonObject(0);
    assertEquals(25, carrier.getLong("throttled"));
  }

  @Test
  void aDroppedConnectionIsReboundAndEveryMessageEndsDelivered() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc));
    smsc.dropConnectionsAfter(30);
    List<Long> ids = send(100, "through a drop");
    ids.forEach(id -> awaitStatus(id, "delivered"));
    assertTrue(smsc.bindCount() >= 2, "rebound after the drop");
    assertEquals(100, acceptedPerDestination(smsc).size(), "every number reached the SMSC");
    assertEquals(100, db.queryLong("SELECT count(*) FROM messages WHERE state = 'delivered' AND id BETWEEN "
        + ids.get(0) + " AND " + ids.get(ids.size() - 1)));
  }

  @Test
  void receiptsInHexMatchDecimalSubmitIds() throws Exception {
    CloudhopperSmsc smsc = smsc();
    smsc.messageIdFormat(n -> Long.toString(900_000 + n));
    smsc.receiptIdFormat(id -> Long.toHexString(Long.parseLong(id)).toUpperCase());
    startWith(connection("carrier", smsc).put("receiptIdFormat", "hex"));
    long id = send("+12025550161", "hex receipt");
    JsonObject message = awaitStatus(id, "delivered");
    assertEquals(smsc.submits().get(0).messageId(), message.getJsonArray("parts").getJsonObject(0).getString("smscMessageId"));
  }

  @Test
  void receiptsFindTheirMessageWhateverTheFormWhenSetToAuto() throws Exception {
    CloudhopperSmsc smsc = smsc();
    smsc.messageIdFormat(n -> Long.toString(700_000 + n));
    smsc.receiptIdFormat(id -> "000" + Long.toHexString(Long.parseLong(id))); // hex with padding
    startWith(connection("carrier", smsc).put("receiptIdFormat", "auto"));
    awaitStatus(send("+12025550162", "auto receipt"), "delivered");
  }

  @Test
  void aReceiptThatOvertakesItsSubmitResponseIsHeldAndMatched() throws Exception {
    CloudhopperSmsc smsc = smsc();
    smsc.receiptBeforeResponse(true);
    startWith(connection("carrier", smsc));
    List<Long> ids = send(20, "race");
    ids.forEach(id -> awaitStatus(id, "delivered"));
    assertEquals(0, db.queryLong("SELECT count(*) FROM receipts_unmatched"));
  }

  @Test
  void aReceiptForNoKnownMessageIsKeptForOperators() throws Exception {
    CloudhopperSmsc smsc = smsc();
    smsc.receiptIdFormat(id -> "ffff" + id); // an id no submit ever had
    startWith(connection("carrier", smsc).put("receiptIdFormat", "dec"));
    long id = send("+12025550163", "orphan receipt");
    awaitStatus(id, "submitted");
    Api operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    JsonObject held = operator.await("/api/v1/receipts/unmatched", r -> !r.getJsonArray("receipts").isEmpty());
    JsonObject receipt = held.getJsonArray("receipts").getJsonObject(0);
    assertEquals("carrier", receipt.getString("smsc"));
    assertEquals("delivered", receipt.getString("status"));
    assertEquals(403, api.get("/api/v1/receipts/unmatched").status(), "account admins are not operators");
    db.execute("DELETE FROM receipts_unmatched");
  }

  @Test
  void longTextsSplitWithSarTlvs() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc).put("split", "sar"));
    String body = "Réunion des parents 🎒 jeudi à 18h, salle 4. ".repeat(3);
    awaitStatus(send("+12025550164", body), "delivered");
    List<CloudhopperSmsc.Submit> parts = smsc.submits();
    ByteBuffer text = ByteBuffer.allocate(1000);
    for (int i = 0; i < parts.size(); i++) {
      CloudhopperSmsc.Submit part = parts.get(i);
      assertEquals(0, part.esmClass() & 0x40, "no UDH");
      assertArrayEquals(new byte[] {(byte) parts.size()}, part.tlvs().get((short) 0x020E), "sar_total_segments");
      assertArrayEquals(new byte[] {(byte) (i + 1)}, part.tlvs().get((short) 0x020F), "sar_segment_seqnum");
      assertArrayEquals(parts.get(0).tlvs().get((short) 0x020C), part.tlvs().get((short) 0x020C), "one sar_msg_ref_num");
      text.put(part.shortMessage());
    }
    assertEquals(body, new String(text.array(), 0, text.position(), StandardCharsets.UTF_16BE));
  }

  @Test
  void longTextsGoWholeInMessagePayload() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc).put("split", "payload"));
    String body = "x".repeat(400);
    JsonObject message = awaitStatus(send("+12025550165", body), "delivered");
    assertEquals(1, smsc.submits().size());
    assertEquals(body, new String(smsc.submits().get(0).messagePayloadTlv(), StandardCharsets.ISO_8859_1));
    assertEquals(1, message.getJsonArray("parts").size());
  }

  @Test
  void aTextLongerThanTheConnectionTakesFails() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc).put("maxParts", 2));
    JsonObject message = awaitStatus(send("+12025550166", "y".repeat(400)), "failed");
    assertEquals("the text needs 3 parts; connection carrier takes at most 2", message.getString("errorDetail"));
    assertEquals(0, smsc.submits().size());
  }

  @Test
  void receiptsOnTheReceiverMatchSubmitsOnTheTransmitter() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc).put("bindMode", "txrx"));
    assertEquals(2, smsc.bindCount(), "a transmitter and a receiver");
    List<Long> ids = send(10, "pair");
    ids.forEach(id -> awaitStatus(id, "delivered"));
  }

  @Test
  void routesPickTheirConnectionAndFailOverWhenItIsDown() throws Exception {
    CloudhopperSmsc uk = smsc();
    CloudhopperSmsc backup = smsc();
    CloudhopperSmsc other = smsc();
    start(new JsonObject()
        .put("smsc", new JsonArray().add(connection("uk", uk)).add(connection("backup", backup)).add(connection("other", other)))
        .put("routes", new JsonArray()
            .add(new JsonObject().put("prefix", "+44").put("smsc", new JsonArray().add("uk").add("backup")))
            .add(new JsonObject().put("smsc", new JsonArray().add("other")))));
    assertEquals("uk", awaitStatus(send("+447911123456", "to the UK"), "delivered").getString("smsc"));
    assertEquals("other", awaitStatus(send("+12025550167", "elsewhere"), "delivered").getString("smsc"));
    uk.close();
    smscs.remove(uk);
    new Api(herald.httpPort(), null, null).await("/health", h -> !h.getJsonObject("smsc").getString("uk").equals("bound"));
    assertEquals("backup", awaitStatus(send("+447911123457", "to the UK, uk down"), "delivered").getString("smsc"));
    assertEquals(1, backup.submits().size());
  }

  /** Replies in parts, in either concatenation form, come out of the store whole. */
  @Test
  void multipartRepliesReassembleToTheOriginalText() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc));
    String udhText = "Yes, I will come on Thursday at 10:00. Thank you for the reminder! ".repeat(3); // GSM, 3 parts
    List<byte[]> udhParts = io.herald.smsc.encoding.TextEncoder.encode(udhText).parts();
    for (int i = udhParts.size() - 1; i >= 0; i--) { // out of order on purpose
      byte[] udh = io.herald.smsc.encoding.Udh.concat8(0x42, udhParts.size(), i + 1);
      byte[] sm = ByteBuffer.allocate(udh.length + udhParts.get(i).length).put(udh).put(udhParts.get(i)).array();
      assertEquals(0, smsc.sendMo("12025550170", "Herald", sm, 0x00, 0x40, Map.of()).get());
    }
    String sarText = "Merci 🙏 je serai là jeudi. À bientôt, Zoë";
    byte[] ucs2 = sarText.getBytes(StandardCharsets.UTF_16BE);
    int half = 30; // splits inside the text, on a UTF-16 unit boundary
    byte[][] sarParts = {java.util.Arrays.copyOf(ucs2, half), java.util.Arrays.copyOfRange(ucs2, half, ucs2.length)};
    for (int i = 0; i < 2; i++) {
      Map<Short, byte[]> tlvs = new HashMap<>();
      tlvs.put((short) 0x020C, new byte[] {0x01, 0x07});
      tlvs.put((short) 0x020E, new byte[] {2});
      tlvs.put((short) 0x020F, new byte[] {(byte) (i + 1)});
      assertEquals(0, smsc.sendMo("12025550171", "Herald", sarParts[i], 0x08, 0x00, tlvs).get());
    }
    assertEquals(udhText, inbound("+12025550170"));
    assertEquals(sarText, inbound("+12025550171"));
  }

  private String inbound(String from) {
    return Await.value("a reply stored from " + from, () ->
        db.queryLong("SELECT count(*) FROM inbound_messages WHERE sender = '" + from + "'") > 0
            ? db.queryText("SELECT body FROM inbound_messages WHERE sender = '" + from + "'") : null);
  }

  @Test
  void theOperatorsViewShowsEachConnection() throws Exception {
    CloudhopperSmsc smsc = smsc();
    startWith(connection("carrier", smsc).put("tps", 25));
    awaitStatus(send("+12025550168", "count me"), "delivered");
    JsonObject carrier = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD)
        .get("/api/v1/smsc").json().getJsonArray("connections").getJsonObject(0);
    assertEquals("carrier", carrier.getString("name"));
    assertEquals("bound", carrier.getString("state"));
    assertEquals(10, carrier.getInteger("window"));
    assertEquals(0, carrier.getInteger("inFlight"));
    assertEquals(25, carrier.getInteger("tps"));
    assertEquals(1, carrier.getLong("submitted"));
    assertEquals(1, carrier.getLong("receipts"));
    assertEquals(403, api.get("/api/v1/smsc").status());
    String metrics = new Api(herald.httpPort(), null, null).get("/metrics").body();
    for (String meter : List.of("herald_smsc_bound{smsc=\"carrier\"} 1.0",
        "herald_smsc_submits_total{result=\"ok\",smsc=\"carrier\"} 1.0",
        "herald_smsc_in_flight{smsc=\"carrier\"} 0.0",
        "herald_receipts_total{matched=\"true\",smsc=\"carrier\"} 1.0",
        "herald_smsc_reconnects_total{smsc=\"carrier\"} 0.0",
        "herald_smsc_throttled_total{smsc=\"carrier\"} 0.0",
        "herald_submit_seconds_count{smsc=\"carrier\"} 1")) {
      assertTrue(metrics.contains(meter), meter + " in\n" + metrics.lines().filter(l -> l.startsWith("herald")).collect(Collectors.joining("\n")));
    }
  }
}
