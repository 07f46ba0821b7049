package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Await;
import io.herald.testing.HeraldHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A staff reply from the inbox goes out in the conversation lane, ahead of a bulk job that is draining. */
class InboxPriorityTest {
  private static final int WINDOW = 20;

  @RegisterExtension
  static final HeraldHarness h = HeraldHarness.withConfig(() -> new JsonObject().put("smsc", new JsonArray()
      .add(new JsonObject().put("name", "carrier").put("port", InboxPriorityTest.h.smsc.port()).put("systemId", "carrier")
          .put("password", "pw").put("window", WINDOW).put("tps", 200))));

  @Test
  void aStaffReplyOvertakesABulkJob() throws Exception {
    assertEquals(201, h.admin.post("/api/v1/senders", new JsonObject().put("address", "+12025550100")
        .put("default", true)).status());
    assertEquals(0, h.smsc.sendMo("13125559876", "12025550100", "Running late".getBytes(StandardCharsets.ISO_8859_1),
        0, 0, Map.of()).get());
    long conversation = Await.value("the conversation", () -> {
      JsonArray all = h.admin.get("/api/v1/conversations").json().getJsonArray("conversations");
      return all.isEmpty() ? null : all.getJsonObject(0).getLong("id");
    });
    JsonArray recipients = new JsonArray();
    for (int i = 0; i < 2000; i++) {
      recipients.add(new JsonObject().put("to", String.format("+1202556%04d", i)).put("body", "bulk"));
    }
    long bulk = h.admin.post("/api/v1/jobs", new JsonObject().put("recipients", recipients)).json().getLong("id");
    h.admin.await("/api/v1/jobs/" + bulk, j -> j.getJsonObject("counts").getLong("delivered") >= 200);

    int before = h.smsc.submits().size();
    assertEquals(202, h.admin.post("/api/v1/conversations/" + conversation + "/messages",
        new JsonObject().put("text", "No problem, see you soon")).status());
    int position = Await.value("the staff reply at the SMSC", () -> {
      var submits = h.smsc.submits();
      for (int i = 0; i < submits.size(); i++) {
        if (submits.get(i).destination().equals("13125559876")) {
          return i;
        }
      }
      return null;
    });
    assertTrue(position - before <= 2 * WINDOW, "bulk submits between the reply's hand-over and its arrival: "
        + (position - before));
    assertTrue(h.admin.get("/api/v1/jobs/" + bulk).json().getJsonObject("counts").getLong("queued") > 500,
        "the bulk job was still draining");
    h.admin.post("/api/v1/jobs/" + bulk + "/cancel", "");
  }
}
