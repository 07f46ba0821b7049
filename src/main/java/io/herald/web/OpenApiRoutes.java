package io.herald.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The API's own description, {@code GET /api/v1/openapi.json} (OpenAPI 3.1, the resource
 * {@code openapi.json}), and the Swagger UI files the admin UI's API reference page renders it
 * with, served from their WebJar. Both need no credentials: mount before authentication.
 */
final class OpenApiRoutes {
  static final String PATH = "/api/v1/openapi.json";
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.35.0";
  /** The files the reference page loads; the WebJar's demo page and its initializer are not served. */
  private static final Set<String> SWAGGER_FILES = Set.of("swagger-ui-bundle.js", "swagger-ui.css");
  private final Buffer document;

  OpenApiRoutes() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("the resource openapi.json is missing from the build");
      }
      document = Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void mount(Router router) {
    router.get(PATH).handler(this::document);
    StaticHandler files = StaticHandler.create(SWAGGER_UI).setMaxAgeSeconds(3600).setDefaultContentEncoding("UTF-8");
    router.get("/vendor/swagger-ui/*").handler(ctx -> {
      if (SWAGGER_FILES.contains(ctx.normalizedPath().substring("/vendor/swagger-ui/".length()))) {
        ctx.next();
      } else {
        ctx.response().setStatusCode(404).end();
      }
    }).handler(files);
  }

  private void document(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache").end(document);
  }
}
