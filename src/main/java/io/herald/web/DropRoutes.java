package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.drop.DropServices;
import io.herald.drop.HttpUploads;
import io.herald.drop.ReportRange;
import io.herald.drop.SendAtPreview;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Drop &amp; Go: drop profiles (account admins), keywords (read by every user, changed by admins),
 * uploads of drop files over HTTP (any user of the account), and the Drop &amp; Go Summary (with each
 * file's rejected rows) and Sent Log reports (any user of the account).
 */
public final class DropRoutes implements Routes {
  private static final int MAX_PAGE = 1_000;
  private final DropServices drop;

  public DropRoutes(DropServices drop) {
    this.drop = drop;
  }

  @Override
  public void mount(Router router) {
    String profiles = "/api/v1/drop-profiles";
    router.get(profiles).handler(Http.safe(ctx -> reply(ctx, 200, drop.profiles().list(Http.account(ctx)))));
    router.post(profiles).handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 201,
        drop.profiles().create(Http.account(ctx), Http.body(ctx)))));
    router.get(profiles + "/:id").handler(Http.safe(ctx -> reply(ctx, 200,
        drop.profiles().get(Http.account(ctx), Http.id(ctx, "id", "drop profile")))));
    router.patch(profiles + "/:id").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        drop.profiles().update(Http.account(ctx), Http.id(ctx, "id", "drop profile"), Http.body(ctx)))));
    router.post(profiles + "/:id/password").handler(Http.safe(ctx -> reply(ctx, 200,
        drop.profiles().newPassword(Http.account(ctx), Http.id(ctx, "id", "drop profile")))));
    router.delete(profiles + "/:id").handler(Http.safe(ctx ->
        drop.profiles().delete(Http.account(ctx), Http.id(ctx, "id", "drop profile"))
            .onSuccess(v -> ctx.response().setStatusCode(204).end())
            .onFailure(ctx::fail)));
    router.post(profiles + "/send-at-preview").handler(Http.readBody()).handler(Http.safe(ctx ->
        json(ctx, 200, SendAtPreview.preview(Http.body(ctx)))));
    // no body handler: the file streams to disk
    router.post(profiles + "/:id/files").handler(Http.safe(this::upload));

    router.get("/api/v1/keywords").handler(Http.safe(ctx -> reply(ctx, 200,
        drop.keywords().list(Http.account(ctx)).map(list -> new JsonObject().put("keywords", list)))));
    router.post("/api/v1/keywords").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 201,
        drop.keywords().create(Http.account(ctx), Http.body(ctx)))));
    router.get("/api/v1/keywords/:id").handler(Http.safe(ctx -> reply(ctx, 200,
        drop.keywords().get(Http.account(ctx), Http.id(ctx, "id", "keyword")))));
    router.put("/api/v1/keywords/:id").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        drop.keywords().replace(Http.account(ctx), Http.id(ctx, "id", "keyword"), Http.body(ctx)))));
    router.delete("/api/v1/keywords/:id").handler(Http.safe(ctx ->
        drop.keywords().delete(Http.account(ctx), Http.id(ctx, "id", "keyword"))
            .onSuccess(v -> ctx.response().setStatusCode(204).end())
            .onFailure(ctx::fail)));

    router.get("/api/v1/reports/drops").handler(Http.safe(ctx -> summary(ctx, csv(ctx))));
    router.get("/api/v1/reports/drops.csv").handler(Http.safe(ctx -> summary(ctx, true)));
    router.get("/api/v1/reports/drops/:id/rejects").handler(Http.safe(ctx -> {
      int limit = limit(ctx);
      reply(ctx, 200, drop.reports().rejects(Http.account(ctx), Http.id(ctx, "id", "drop file"), limit, offset(ctx, limit)));
    }));
    router.get("/api/v1/reports/drops/:id/rejects.csv").handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "drop file");
      drop.reports().file(Http.account(ctx), id).onFailure(ctx::fail).onSuccess(file ->
          download(ctx, "rejected-rows-" + id + ".csv", drop.reports().rejectsCsv(id, ctx.response())));
    }));
    router.get("/api/v1/reports/sent-log").handler(Http.safe(ctx -> sentLog(ctx, csv(ctx))));
    router.get("/api/v1/reports/sent-log.csv").handler(Http.safe(ctx -> sentLog(ctx, true)));
  }

  private void upload(RoutingContext ctx) {
    long account = Http.account(ctx);
    long id = Http.id(ctx, "id", "drop profile");
    boolean dryRun = "true".equalsIgnoreCase(ctx.request().getParam("dryRun"));
    HttpUploads uploads = drop.uploads();
    ctx.request().pause();
    uploads.accepts(account, id)
        .compose(v -> FileUpload.receive(ctx, uploads::newStaged, uploads.maxFileBytes(), "upload.csv"))
        .compose(file -> uploads.process(id, file.path(), file.name(), dryRun))
        .onSuccess(outcome -> {
          boolean ok = dryRun ? "ok".equals(outcome.getString("status")) : "processed".equals(outcome.getString("status"));
          json(ctx, ok ? (dryRun ? 200 : 201) : 422, outcome);
        })
        .onFailure(e -> {
          if (e instanceof FileUpload.TooLarge tooLarge) {
            FileUpload.refuse(ctx, tooLarge, uploads.maxFileBytes(), new JsonObject()
                .put("error", "file '" + tooLarge.name + "' is larger than the limit of " + uploads.maxFileBytes()
                    + " bytes (drop.maxFileBytes): split it into smaller files")
                .put("field", "file").put("value", tooLarge.name).put("limit", uploads.maxFileBytes()));
          } else {
            FileUpload.drain(ctx.request());
            ctx.fail(e);
          }
        });
  }

  private void summary(RoutingContext ctx, boolean csv) {
    long account = Http.account(ctx);
    int limit = limit(ctx);
    long offset = offset(ctx, limit);
    withRange(ctx, account, range -> {
      if (csv) {
        download(ctx, "drop-and-go-summary.csv", drop.reports().summaryCsv(account, range, ctx.response()));
      } else {
        reply(ctx, 200, drop.reports().summary(account, range, limit, offset)
            .map(files -> new JsonObject().put("drops", files)));
      }
    });
  }

  private void sentLog(RoutingContext ctx, boolean csv) {
    long account = Http.account(ctx);
    Long file = Http.idParam(ctx, "file");
    int limit = limit(ctx);
    long offset = offset(ctx, limit);
    withRange(ctx, account, range -> {
      if (csv) {
        download(ctx, "sent-log.csv", drop.reports().sentLogCsv(account, range, file, ctx.response()));
      } else {
        reply(ctx, 200, drop.reports().sentLog(account, range, file, limit, offset)
            .map(messages -> new JsonObject().put("messages", messages)));
      }
    });
  }

  /** Dates are read in the account's time zone. */
  private void withRange(RoutingContext ctx, long account, java.util.function.Consumer<ReportRange> then) {
    drop.reports().range(account, ctx.request().getParam("from"), ctx.request().getParam("to"))
        .onFailure(ctx::fail)
        .onSuccess(range -> {
          try {
            then.accept(range);
          } catch (Refusal e) {
            ctx.fail(e);
          }
        });
  }

  private static boolean csv(RoutingContext ctx) {
    return "csv".equalsIgnoreCase(ctx.request().getParam("format"));
  }

  private static void download(RoutingContext ctx, String name, Future<Void> written) {
    ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    written.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().end();
      } else {
        ctx.response().reset(); // a broken download rather than a short one
      }
    });
  }

  /** Lines per page: limit (or pageSize), 100 unless given, at most 1,000. */
  private static int limit(RoutingContext ctx) {
    return (int) Http.longParam(ctx, ctx.request().getParam("limit") != null ? "limit" : "pageSize", 100, 1, MAX_PAGE);
  }

  /** Lines to skip for page N (from 1). */
  private static long offset(RoutingContext ctx, int limit) {
    return (Http.longParam(ctx, "page", 1, 1, 1_000_000) - 1) * limit;
  }

  private static void reply(RoutingContext ctx, int status, Future<?> answer) {
    answer.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }
}
