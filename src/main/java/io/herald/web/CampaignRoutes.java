package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.api.Csv;
import io.herald.campaigns.Answers;
import io.herald.campaigns.CampaignService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Proactive SMS: messaging answers, campaigns, and their recipient lists uploaded as CSV. */
public final class CampaignRoutes implements Routes {
  /** A list holds at most a few thousand rows: a file past this is not a recipient list. */
  private static final long MAX_LIST_BYTES = 16L * 1024 * 1024;
  private final CampaignService campaigns;
  private final Answers answers;

  public CampaignRoutes(CampaignService campaigns) {
    this.campaigns = campaigns;
    this.answers = campaigns.answers();
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/answers").handler(Http.safe(ctx -> Http.listed(ctx, "answers",
        answers.list(Http.account(ctx), blankToNull(ctx.request().getParam("language"))), a -> a)));
    router.post("/api/v1/answers/check").handler(Http.readBody()).handler(Http.safe(ctx ->
        json(ctx, 200, answers.check(Http.body(ctx).getString("text")))));
    router.post("/api/v1/answers").handler(Http.readBody()).handler(Http.safe(ctx ->
        answer(ctx, 201, answers.create(Http.account(ctx), Http.body(ctx)))));
    router.get("/api/v1/answers/:id").handler(Http.safe(ctx ->
        answer(ctx, 200, answers.get(Http.account(ctx), Http.id(ctx, "id", "answer")))));
    router.put("/api/v1/answers/:id").handler(Http.readBody()).handler(Http.safe(ctx ->
        answer(ctx, 200, answers.change(Http.account(ctx), Http.id(ctx, "id", "answer"), Http.body(ctx)))));
    router.delete("/api/v1/answers/:id").handler(Http.safe(ctx ->
        answers.delete(Http.account(ctx), Http.id(ctx, "id", "answer"))
            .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail)));

    router.get("/api/v1/campaigns").handler(Http.safe(ctx -> campaigns.list(Http.account(ctx))
        .onSuccess(list -> json(ctx, 200, new JsonObject().put("campaigns", list))).onFailure(ctx::fail)));
    router.post("/api/v1/campaigns").handler(Http.readBody()).handler(Http.safe(ctx ->
        answer(ctx, 201, campaigns.create(Http.account(ctx), Http.principal(ctx).user(), Http.body(ctx)))));
    router.get("/api/v1/campaigns/:id").handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.get(Http.account(ctx), id(ctx)))));
    router.put("/api/v1/campaigns/:id").handler(Http.readBody()).handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.change(Http.account(ctx), id(ctx), Http.body(ctx)))));
    router.post("/api/v1/campaigns/:id/pause").handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.pause(Http.account(ctx), id(ctx), true))));
    router.post("/api/v1/campaigns/:id/resume").handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.pause(Http.account(ctx), id(ctx), false))));
    router.post("/api/v1/campaigns/:id/archive").handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.archive(Http.account(ctx), id(ctx)))));
    router.get("/api/v1/campaigns/:id/activity").handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.activity(Http.account(ctx), id(ctx)))));

    router.get("/api/v1/campaigns/:id/lists/template.csv").handler(Http.safe(ctx ->
        campaigns.get(Http.account(ctx), id(ctx)).onSuccess(c -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=UTF-8")
            .putHeader("Content-Disposition", "attachment; filename=\"recipients-template.csv\"")
            .end(CampaignService.TEMPLATE_CSV)).onFailure(ctx::fail)));
    router.post("/api/v1/campaigns/:id/lists").handler(Http.safe(this::upload));
    router.get("/api/v1/campaigns/:id/lists/:listId/errors.csv").handler(Http.safe(ctx -> {
      long listId = Http.id(ctx, "listId", "recipient list");
      campaigns.errorLog(Http.account(ctx), id(ctx), listId).onSuccess(lines -> {
        StringBuilder csv = new StringBuilder(Csv.line(List.of("Error", "Row", "Original row")));
        lines.forEach(line -> csv.append(Csv.line(line)));
        ctx.response().putHeader("Content-Type", "text/csv; charset=UTF-8")
            .putHeader("Content-Disposition", "attachment; filename=\"list-" + listId + "-errors.csv\"")
            .end(csv.toString());
      }).onFailure(ctx::fail);
    }));
    router.post("/api/v1/campaigns/:id/lists/:listId/cancel").handler(Http.safe(ctx ->
        answer(ctx, 200, campaigns.cancelList(Http.account(ctx), id(ctx), Http.id(ctx, "listId", "recipient list")))));
  }

  private void upload(RoutingContext ctx) {
    long account = Http.account(ctx);
    long campaign = id(ctx);
    Long user = Http.principal(ctx).user();
    FileUpload.receive(ctx, campaigns::newUploadFile, MAX_LIST_BYTES, "recipients.csv")
        .compose(file -> campaigns.upload(account, user, campaign, file.path(), file.name(),
            file.field("startAt"), file.field("endAt")))
        .onSuccess(list -> {
          if (list.getString("reason") == null) {
            json(ctx, 201, list);
          } else {
            json(ctx, 422, new JsonObject().put("error", list.getString("reason")).put("list", list)
                .put("errors", list.remove("errors")));
          }
        })
        .onFailure(e -> {
          if (e instanceof FileUpload.TooLarge tooLarge) {
            FileUpload.refuse(ctx, tooLarge, MAX_LIST_BYTES, new JsonObject()
                .put("error", "file '" + tooLarge.name + "' is larger than a recipient list may be (16 MiB)")
                .put("field", "file").put("value", tooLarge.name).put("limit", MAX_LIST_BYTES));
          } else {
            FileUpload.drain(ctx.request());
            ctx.fail(e);
          }
        });
  }

  private static void answer(RoutingContext ctx, int status, Future<JsonObject> result) {
    result.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }

  private static long id(RoutingContext ctx) {
    return Http.id(ctx, "id", "campaign");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
