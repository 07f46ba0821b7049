package io.herald.smsc.simulator;

import io.vertx.core.json.JsonObject;

/** A reply the simulator delivered: from the phone, to the address, how it went on the wire. */
public record SentReply(String from, String to, String text, String encoding, int parts) {
  public JsonObject toJson() {
    return new JsonObject().put("from", from).put("to", to).put("text", text).put("encoding", encoding)
        .put("parts", parts);
  }
}
