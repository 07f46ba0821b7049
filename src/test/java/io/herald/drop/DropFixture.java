package io.herald.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.Api;
import io.herald.testing.HeraldHarness;
import io.herald.testing.TestHerald;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * The harness's Herald for Drop &amp; Go tests, with Drop &amp; Go turned on for the first account by
 * the operator, and requests as curl sends them (uploads with their own content type).
 */
final class DropFixture extends HeraldHarness {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  DropFixture(Callable<JsonObject> overrides) {
    super(overrides);
  }

  @Override
  protected void ready() {
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
}
