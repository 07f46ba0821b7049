package io.herald.web;

import static io.herald.web.ContactsRoutes.noContent;
import static io.herald.web.ContactsRoutes.reply;

import io.herald.contacts.Imports;
import io.herald.contacts.Paging;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The import wizard. Stage 1 takes pasted rows as JSON {"text"} or a file (CSV or XLSX) as the raw
 * body or a multipart form (see {@link FileUpload}), streamed to disk and cut off with 413 past the
 * size limit.
 */
final class ImportRoutes implements Routes {
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
    long max = imports.limits().maxBytes();
    FileUpload.receive(ctx, imports::newUploadFile, max, "upload")
        .compose(file -> imports.upload(account, actor, file.path(), file.name(),
            ctx.request().getParam("target") != null ? ctx.request().getParam("target") : file.field("target")))
        .onSuccess(result -> Http.json(ctx, 201, result))
        .onFailure(e -> {
          if (e instanceof FileUpload.TooLarge tooLarge) {
            FileUpload.refuse(ctx, tooLarge, max, new JsonObject()
                .put("error", "file '" + tooLarge.name + "' is larger than the import limit of " + megabytes(max)
                    + " (" + max + " bytes)")
                .put("field", "file").put("value", tooLarge.name).put("limit", max));
          } else {
            FileUpload.drain(ctx.request());
            ctx.fail(e);
          }
        });
  }

  private static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }
}
