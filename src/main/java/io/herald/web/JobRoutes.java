package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.errors.Refusal;
import io.herald.ingest.ApiJobs;
import io.herald.jobs.JobEvents;
import io.herald.jobs.JobStore;
import io.herald.messages.MessageMeters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Jobs: create one from a batch, list, look at, pause, resume, cancel, and the report. */
public final class JobRoutes implements Routes {
  private final ApiJobs apiJobs;
  private final JobStore jobs;
  private final MessageMeters meters;

  public JobRoutes(ApiJobs apiJobs, JobStore jobs, MessageMeters meters) {
    this.apiJobs = apiJobs;
    this.jobs = jobs;
    this.meters = meters;
  }

  @Override
  public void mount(Router router) {
    // no body handler: the batch is read as a stream
    router.post("/api/v1/jobs").handler(Http.safe(ctx -> {
      var refused = apiJobs.refusedLength(ctx.request().getHeader("Content-Length"));
      if (refused != null) {
        throw refused;
      }
      if (!Http.isJson(ctx.request().getHeader("Content-Type"))) {
        throw Http.notJson();
      }
      apiJobs.create(Http.principal(ctx), Http.account(ctx), ctx.request())
          .onSuccess(job -> json(ctx, 201, job))
          .onFailure(ctx::fail);
    }));
    router.get("/api/v1/jobs").handler(Http.safe(ctx -> {
      int limit = (int) Http.longParam(ctx, "limit", 50, 1, 500);
      jobs.list(Http.account(ctx), Http.idParam(ctx, "before"), ctx.request().getParam("status"), limit)
          .onSuccess(list -> json(ctx, 200, new JsonObject().put("jobs", list)))
          .onFailure(ctx::fail);
    }));
    router.get("/api/v1/jobs/:id").handler(Http.safe(ctx -> jobs.find(Http.account(ctx), Http.id(ctx, "id", "job"))
        .onSuccess(job -> job.ifPresentOrElse(j -> json(ctx, 200, j), () -> ctx.fail(Refusal.notFound("job"))))
        .onFailure(ctx::fail)));
    router.post("/api/v1/jobs/:id/pause").handler(Http.safe(ctx ->
        answer(ctx, jobs.pause(Http.account(ctx), Http.id(ctx, "id", "job")))));
    router.post("/api/v1/jobs/:id/resume").handler(Http.safe(ctx ->
        answer(ctx, jobs.resume(Http.account(ctx), Http.id(ctx, "id", "job"), java.time.Instant.now()))));
    router.post("/api/v1/jobs/:id/cancel").handler(Http.safe(ctx ->
        answer(ctx, jobs.cancel(Http.account(ctx), Http.id(ctx, "id", "job")).map(change -> {
          meters.count(change.transitions());
          return change.job();
        }))));
    router.get("/api/v1/jobs/:id/report.csv").handler(Http.safe(ctx -> {
      long account = Http.account(ctx);
      long id = Http.id(ctx, "id", "job");
      boolean failed = "true".equalsIgnoreCase(ctx.request().getParam("failed"));
      jobs.find(account, id).onComplete(found -> {
        if (found.failed()) {
          ctx.fail(found.cause());
          return;
        }
        if (found.result().isEmpty()) {
          ctx.fail(Refusal.notFound("job"));
          return;
        }
        ctx.response().setChunked(true)
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"job-" + id + (failed ? "-failed" : "") + ".csv\"");
        jobs.report(account, id, failed, ctx.response()).onComplete(ar -> {
          if (ar.succeeded()) {
            ctx.response().end();
          } else {
            ctx.response().reset(); // the client sees a broken download rather than a short one
          }
        });
      });
    }));
  }

  private void answer(RoutingContext ctx, io.vertx.core.Future<JsonObject> change) {
    change.onSuccess(job -> {
      ctx.vertx().eventBus().publish(JobEvents.CHANGED, JobEvents.changed(Http.account(ctx), job.getLong("id")));
      json(ctx, 200, job);
    }).onFailure(ctx::fail);
  }
}
