package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.Herald;
import io.herald.smsc.encoding.TextDecoder;
import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A whole Herald for Drop &amp; Go tests: a fresh database, a cloudhopper SMSC peer, Drop &amp; Go
 * turned on for the first account by the operator, and API clients for its admin and the operator.
 */
final class DropFixture implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  final TestDatabase db;
  final CloudhopperSmsc smsc;
  final Herald herald;
  final Api admin;
  final Api operator;
  final Api anonymous;

  DropFixture(JsonObject overrides) throws Exception {
    db = TestDatabase.create();
    smsc = CloudhopperSmsc.start("carrier", "pw");
    smsc.receiptDelayMillis(10);
    JsonObject config = new JsonObject().put("smsc", new JsonArray().add(new JsonObject()
        .put("name", "carrier").put("port", smsc.port()).put("systemId", "carrier").put("password", "pw")
        .put("window", 50).put("tps", 5000)));
    config.mergeIn(overrides, true);
    herald = TestHerald.start(TestHerald.config(db, config));
    admin = new Api(herald.httpPort(), TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD);
    operator = new Api(herald.httpPort(), TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD);
    anonymous = new Api(herald.httpPort(), null, null);
    anonymous.await("/health", h -> "up".equals(h.getString("status")));
    Api.Response on = asOperator("PATCH", "/api/v1/accounts/1", new JsonObject().put("dropAndGo", true));
    assertEquals(200, on.status(), on.body());
  }

  int ftpPort() {
    return herald.dropFtpPort();
  }

  /** Creates a profile; the answer holds the generated password. */
  JsonObject profile(JsonObject settings) {
    Api.Response r = admin.post("/api/v1/drop-profiles", settings);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /** The texts the SMSC peer received for this destination (digits without +). */
  List<String> textsTo(String e164) {
    String digits = e164.substring(1);
    return smsc.submits().stream().filter(s -> s.destination().equals(digits))
        .map(s -> TextDecoder.decode(s.shortMessage(), s.dataCoding())).toList();
  }

  /** Waits until the SMSC peer has received this many submits for these numbers in all. */
  void awaitTexts(List<String> numbers, long atLeast) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      long n = numbers.stream().mapToLong(x -> textsTo(x).size()).sum();
      if (n >= atLeast) {
        return;
      }
      Api.sleep(50);
    }
    throw new AssertionError("the SMSC did not get " + atLeast + " texts for " + numbers);
  }

  /** A drop file uploaded over HTTP by the account admin; query is e.g. "?name=x.csv&dryRun=true". */
  Api.Response upload(long profileId, String query, byte[] content) {
    return http(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD, "POST",
        "/api/v1/drop-profiles/" + profileId + "/files" + query, "text/csv", content);
  }

  Api.Response asAdmin(String method, String path, JsonObject body) {
    return http(TestHerald.ADMIN_EMAIL, TestHerald.ADMIN_PASSWORD, method, path, "application/json",
        body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8));
  }

  Api.Response asOperator(String method, String path, JsonObject body) {
    return http(TestHerald.OPERATOR_EMAIL, TestHerald.OPERATOR_PASSWORD, method, path, "application/json",
        body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Any request, as curl would send it. */
  Api.Response http(String email, String password, String method, String path, String type, byte[] body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort() + path))
          .header("Content-Type", type)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      if (email != null) {
        b.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
      }
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Api.Response(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    TestHerald.stop(herald);
    smsc.close();
    db.close();
  }
}
