package io.herald.web;

import static io.herald.web.ContactsRoutes.noContent;
import static io.herald.web.ContactsRoutes.reply;

import io.herald.contacts.Imports;
import io.herald.contacts.Paging;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import wizard. Stage 1 takes pasted rows as JSON {"text"} or a file as the raw request body
 * (CSV or XLSX; name it with ?name= or a Content-Disposition filename), streamed to disk and cut
 * off with 413 past the size limit.
 */
final class ImportRoutes implements Routes {
  /** How much of an oversized body is read (and dropped) so that the client gets the 413. */
  private static final long DISCARD_BYTES = 64L * 1024 * 1024;
  private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?");

  private final Imports imports;

  ImportRoutes(Imports imports) {
    this.imports = imports;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/imports").handler(Http.safe(ctx -> reply(ctx, 200, imports.list(Http.account(ctx),
        Paging.of(ctx.request().getParam("page"), ctx.request().getParam("pageSize"))))));
    router.post("/api/v1/imports").consumes("application/json").handler(Http.readBody())
        .handler(Http.safe(ctx -> reply(ctx, 201, imports.paste(Http.account(ctx), Http.principal(ctx).email(),
            Http.body(ctx)))));
    router.post("/api/v1/imports").handler(Http.safe(this::upload));
    router.get("/api/v1/imports/:id").handler(Http.safe(ctx -> reply(ctx, 200,
        imports.get(Http.account(ctx), Http.id(ctx, "id", "import")))));
    router.put("/api/v1/imports/:id/columns").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        imports.assignColumns(Http.account(ctx), Http.id(ctx, "id", "import"), Http.body(ctx)))));
    router.put("/api/v1/imports/:id/group").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        imports.chooseGroup(Http.account(ctx), Http.id(ctx, "id", "import"), Http.body(ctx)))));
    router.post("/api/v1/imports/:id/run").handler(Http.safe(ctx -> reply(ctx, 200,
        imports.run(Http.account(ctx), Http.id(ctx, "id", "import")))));
    router.get("/api/v1/imports/:id/rejects").handler(Http.safe(ctx ->
        imports.rejectsCsv(Http.account(ctx), Http.id(ctx, "id", "import"))
            .onSuccess(file -> ctx.response()
                .putHeader("Content-Type", "text/csv; charset=UTF-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + file.getKey() + "\"")
                .end(file.getValue()))
            .onFailure(ctx::fail)));
    router.delete("/api/v1/imports/:id").handler(Http.safe(ctx -> noContent(ctx,
        imports.delete(Http.account(ctx), Http.id(ctx, "id", "import")))));
  }

  private void upload(RoutingContext ctx) {
    long account = Http.account(ctx);
    String actor = Http.principal(ctx).email();
    HttpServerRequest request = ctx.request();
    request.pause();
    String name = fileName(ctx);
    long max = imports.limits().maxBytes();
    String length = request.getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
      refuse(ctx, name, max, 0, Long.parseLong(length));
      return;
    }
    ctx.vertx().executeBlocking(imports::newUploadFile, false)
        .compose(path -> ctx.vertx().fileSystem().open(path.toString(), new OpenOptions().setWrite(true).setCreate(true))
            .map(file -> new Receiving(path, file)))
        .onFailure(ctx::fail)
        .onSuccess(receiving -> receive(ctx, receiving, account, actor, name, max));
  }

  private record Receiving(Path path, AsyncFile file) {}

  private void receive(RoutingContext ctx, Receiving receiving, long account, String actor, String name, long max) {
    HttpServerRequest request = ctx.request();
    AsyncFile file = receiving.file();
    long[] received = {0};
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      received[0] += chunk.length();
      if (received[0] > max) {
        refused[0] = true;
        file.close().onComplete(v -> ctx.vertx().fileSystem().delete(receiving.path().toString()));
        refuse(ctx, name, max, received[0], -1);
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        request.pause();
        file.drainHandler(v -> request.resume());
      }
    });
    request.exceptionHandler(e -> {
      if (!refused[0]) {
        refused[0] = true;
        file.close().onComplete(v -> ctx.vertx().fileSystem().delete(receiving.path().toString()));
      }
    });
    request.endHandler(v -> {
      if (refused[0]) {
        return;
      }
      file.close()
          .compose(x -> imports.upload(account, actor, receiving.path(), name))
          .onSuccess(result -> Http.json(ctx, 201, result))
          .onFailure(ctx::fail);
    });
    request.resume();
  }

  /**
   * Answers 413. A client reads the answer only once it has sent its body, so a body up to
   * {@link #DISCARD_BYTES} past the limit is read and thrown away first; beyond that the connection
   * is closed after the answer.
   */
  private static void refuse(RoutingContext ctx, String name, long max, long alreadyRead, long declared) {
    HttpServerRequest request = ctx.request();
    JsonObject body = new JsonObject()
        .put("error", "file '" + name + "' is larger than the import limit of " + megabytes(max) + " (" + max + " bytes)")
        .put("field", "file").put("value", name).put("limit", max);
    if (declared > max + DISCARD_BYTES) {
      closeAfter(ctx, body);
      return;
    }
    long[] discarded = {alreadyRead};
    request.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > max + DISCARD_BYTES && !ctx.response().ended()) {
        closeAfter(ctx, body);
      }
    });
    request.exceptionHandler(e -> { });
    request.endHandler(v -> Http.json(ctx, 413, body));
    request.resume();
  }

  private static void closeAfter(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Connection", "close");
    Http.json(ctx, 413, body);
    ctx.response().endHandler(v -> ctx.request().connection().close());
  }

  private static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }

  private static String fileName(RoutingContext ctx) {
    String name = ctx.request().getParam("name");
    if (name == null) {
      String disposition = ctx.request().getHeader("Content-Disposition");
      if (disposition != null) {
        Matcher m = FILENAME.matcher(disposition);
        if (m.find()) {
          name = m.group(1);
        }
      }
    }
    if (name == null || name.isBlank()) {
      return "upload";
    }
    // a name to show, never a path
    String plain = name.replace('\\', '/');
    return plain.substring(plain.lastIndexOf('/') + 1).strip();
  }
}
