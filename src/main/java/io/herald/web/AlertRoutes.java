package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.AccountStore;
import io.herald.alerts.Alerts;
import io.herald.alerts.Appointments;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Appointments loaded by a clinic's system, and mass text alerts to the clients who have one in a range. */
public final class AlertRoutes implements Routes {
  private final Alerts alerts;
  private final Appointments appointments;
  private final AccountStore accounts;

  public AlertRoutes(Alerts alerts, Appointments appointments, AccountStore accounts) {
    this.alerts = alerts;
    this.appointments = appointments;
    this.accounts = accounts;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/appointments").handler(Http.readBody()).handler(Http.safe(ctx -> {
      long account = Http.account(ctx);
      JsonObject body = Http.body(ctx);
      accounts.account(account).compose(a -> appointments.save(account, a.defaultRegion(), a.timeZone(),
              body.getValue("appointments") instanceof io.vertx.core.json.JsonArray list ? list : null))
          .onSuccess(saved -> json(ctx, 200, saved)).onFailure(ctx::fail);
    }));
    router.post("/api/v1/alerts/preview").handler(Http.readBody()).handler(Http.safe(ctx ->
        alerts.preview(Http.account(ctx), Http.body(ctx)).onSuccess(p -> json(ctx, 200, p)).onFailure(ctx::fail)));
    router.post("/api/v1/alerts/check").handler(Http.readBody()).handler(Http.safe(ctx ->
        json(ctx, 200, alerts.check(Http.body(ctx).getValue("body") instanceof String s ? s : ""))));
    router.post("/api/v1/alerts").handler(Http.readBody()).handler(Http.safe(ctx ->
        alerts.send(Http.account(ctx), Http.principal(ctx).email(), Http.body(ctx))
            .onSuccess(a -> json(ctx, 201, a)).onFailure(ctx::fail)));
    router.get("/api/v1/alerts").handler(Http.safe(ctx -> alerts.list(Http.account(ctx))
        .onSuccess(list -> json(ctx, 200, new JsonObject().put("alerts", list))).onFailure(ctx::fail)));
    router.get("/api/v1/alerts/:id").handler(Http.safe(ctx -> alerts.get(Http.account(ctx), Http.id(ctx, "id", "alert"))
        .onSuccess(a -> json(ctx, 200, a)).onFailure(ctx::fail)));
    router.get("/api/v1/alerts/:id/report.csv").handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "alert");
      long account = Http.account(ctx);
      alerts.get(account, id).onSuccess(found -> {
        ctx.response().setChunked(true).putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"alert-" + id + ".csv\"");
        alerts.report(account, id, ctx.response()).onComplete(ar -> {
          if (ar.succeeded()) {
            ctx.response().end();
          } else {
            ctx.response().reset(); // a broken download rather than a short one
          }
        });
      }).onFailure(ctx::fail);
    }));
  }
}
