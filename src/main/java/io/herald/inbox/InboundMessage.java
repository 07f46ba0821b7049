package io.herald.inbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A reply as stored in inbound_messages. */
record InboundMessage(long id, String smsc, String from, String to, String text, int dataCoding, int parts,
                      int partsExpected, boolean incomplete, Instant receivedAt) {

  /** What {@link MoReceiver#RECEIVED} carries. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("smsc", smsc)
        .put("from", from)
        .put("to", to)
        .put("text", text)
        .put("receivedAt", receivedAt.toString())
        .put("parts", parts)
        .put("partsExpected", partsExpected)
        .put("incomplete", incomplete);
  }
}
