package io.herald.web;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the admin UI's browser does over HTTP: log in for a cookie, then call the API with it. */
final class UiSession {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String base;
  String cookie;
  String setCookie;
  String csrf;

  UiSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> logIn(String email, String password) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode())));
    if (r.statusCode() == 200) {
      setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
      cookie = setCookie.substring(0, setCookie.indexOf(';'));
      csrf = new JsonObject(r.body()).getString("csrf");
    }
    return r;
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, JsonObject body, boolean withCsrf) {
    HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (withCsrf) {
      b.header("X-CSRF-Token", csrf);
    }
    return send(b);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("X-Requested-With", "herald-ui");
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
