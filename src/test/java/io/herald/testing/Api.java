package io.herald.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** A small blocking HTTP client for Herald's API, as a curl user would call it. */
public final class Api {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String authorization;

  public record Response(int status, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  public Api(int port, String email, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = email == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A file as its raw body, the way curl --data-binary sends it. */
  public Response upload(String path, String contentType, String content) {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(content, java.nio.charset.StandardCharsets.UTF_8)));
  }

  public Response post(String path, JsonObject body) {
    return post(path, body.encode());
  }

  /** Any method, with a JSON body or none. */
  public Response send(String method, String path, JsonObject body) {
    HttpRequest.Builder b = request(path);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    return send(b);
  }

  /** Polls GET path until the JSON answer (of any status) satisfies done; fails after a generous limit. */
  public JsonObject await(String path, Predicate<JsonObject> done) {
    JsonObject[] last = {null};
    try {
      return Await.value(path, () -> {
        Response r = get(path);
        last[0] = r.body().startsWith("{") ? r.json() : last[0];
        return last[0] != null && done.test(last[0]) ? last[0] : null;
      });
    } catch (AssertionError e) {
      throw new AssertionError("gave up waiting on " + path + "; last answer: " + last[0]);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void sleep(long millis) {
    Await.sleep(millis);
  }
}
