package io.herald.contacts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A blocking HTTP client for the contacts API, with the verbs and raw bodies it needs, as curl would call it. */
final class Calls {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String authorization;

  record Reply(int status, byte[] bytes, String contentType, String disposition) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonObject json() {
      return new JsonObject(body());
    }

    JsonArray array(String key) {
      return json().getJsonArray(key);
    }

    String error() {
      return json().getString("error");
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }

  Calls(int port, String email, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply delete(String path) {
    return send(request(path).DELETE());
  }

  Reply post(String path, JsonObject body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  Reply post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Reply put(String path, JsonObject body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  Reply upload(String path, String contentType, byte[] body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", authorization);
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null),
          r.headers().firstValue("Content-Disposition").orElse(null));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
