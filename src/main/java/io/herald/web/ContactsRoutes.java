package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.contacts.ContactExport;
import io.herald.contacts.ContactQuery;
import io.herald.contacts.ContactServices;
import io.herald.contacts.Paging;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Contacts, their export, and (through the routes it mounts with them) fields, groups, imports,
 * opt-outs and reply keywords. Every account user may read and change contacts, groups and
 * opt-outs, import and export; changing fields and reply keywords takes an account admin.
 */
public final class ContactsRoutes implements Routes {
  private final ContactServices services;

  public ContactsRoutes(ContactServices services) {
    this.services = services;
  }

  @Override
  public void mount(Router router) {
    var contacts = services.contacts();
    router.get("/api/v1/contacts/export").handler(Http.safe(this::export));
    router.get("/api/v1/contacts").handler(Http.safe(ctx -> reply(ctx, 200,
        contacts.search(Http.account(ctx), query(ctx)))));
    router.post("/api/v1/contacts").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 201,
        contacts.create(Http.account(ctx), Http.body(ctx)))));
    router.get("/api/v1/contacts/:id").handler(Http.safe(ctx -> reply(ctx, 200,
        contacts.get(Http.account(ctx), Http.id(ctx, "id", "contact")))));
    router.put("/api/v1/contacts/:id").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        contacts.update(Http.account(ctx), Http.id(ctx, "id", "contact"), Http.body(ctx)))));
    router.delete("/api/v1/contacts/:id").handler(Http.safe(ctx -> noContent(ctx,
        contacts.delete(Http.account(ctx), Http.id(ctx, "id", "contact")))));
    router.put("/api/v1/contacts/:id/details/:kind").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        contacts.setStatus(Http.account(ctx), Http.id(ctx, "id", "contact"), ctx.pathParam("kind"),
            Http.principal(ctx).email(), Http.body(ctx)))));

    new FieldRoutes(services.fields()).mount(router);
    new GroupRoutes(services.groups(), contacts).mount(router);
    new ImportRoutes(services.imports()).mount(router);
    new OptOutRoutes(services.optOuts()).mount(router);
    new ReplyKeywordRoutes(services.keywords()).mount(router);
  }

  /** ?q=search&group=ID&sort=key&order=asc|desc&page=N&pageSize=N */
  static ContactQuery query(RoutingContext ctx) {
    String order = ctx.request().getParam("order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw Refusal.invalid("order", "order must be asc or desc", order);
    }
    return new ContactQuery(ctx.request().getParam("q"), groupParam(ctx), ctx.request().getParam("sort"),
        "desc".equals(order), Paging.of(ctx.request().getParam("page"), ctx.request().getParam("pageSize")));
  }

  private static Long groupParam(RoutingContext ctx) {
    return Http.idParam(ctx, "group");
  }

  /** ?format=csv|xlsx plus the list's q and group: a file download. */
  private void export(RoutingContext ctx) {
    services.export().export(Http.account(ctx), ctx.request().getParam("q"), groupParam(ctx),
            ctx.request().getParam("format"))
        .onSuccess(file -> send(ctx, file))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, ContactExport.ExportFile file) {
    ctx.response()
        .putHeader("Content-Type", file.contentType())
        .putHeader("Content-Disposition", "attachment; filename=\"" + file.downloadName() + "\"")
        .sendFile(file.file().toString())
        .onComplete(ar -> ctx.vertx().fileSystem().delete(file.file().toString()));
  }

  static void reply(RoutingContext ctx, int status, Future<?> result) {
    result.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }

  static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
