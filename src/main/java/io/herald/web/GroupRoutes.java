package io.herald.web;

import static io.herald.web.ContactsRoutes.noContent;
import static io.herald.web.ContactsRoutes.reply;

import io.herald.contacts.ContactBook;
import io.herald.contacts.ContactQuery;
import io.herald.contacts.Groups;
import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Static and dynamic groups, their members, merging. */
final class GroupRoutes implements Routes {
  private final Groups groups;
  private final ContactBook contacts;

  GroupRoutes(Groups groups, ContactBook contacts) {
    this.groups = groups;
    this.contacts = contacts;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/groups").handler(Http.safe(ctx -> reply(ctx, 200, groups.list(Http.account(ctx)))));
    router.post("/api/v1/groups").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 201,
        groups.create(Http.account(ctx), Http.body(ctx)))));
    router.get("/api/v1/groups/:id").handler(Http.safe(ctx -> reply(ctx, 200,
        groups.get(Http.account(ctx), Http.id(ctx, "id", "group")))));
    router.put("/api/v1/groups/:id").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        groups.update(Http.account(ctx), Http.id(ctx, "id", "group"), Http.body(ctx)))));
    router.delete("/api/v1/groups/:id").handler(Http.safe(ctx -> noContent(ctx,
        groups.delete(Http.account(ctx), Http.id(ctx, "id", "group")))));
    router.get("/api/v1/groups/:id/contacts").handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "group");
      ContactQuery q = ContactsRoutes.query(ctx);
      reply(ctx, 200, contacts.search(Http.account(ctx),
          new ContactQuery(q.search(), id, q.sort(), q.descending(), q.paging())));
    }));
    router.post("/api/v1/groups/:id/members").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        groups.add(Http.account(ctx), Http.id(ctx, "id", "group"), ids(Http.body(ctx))))));
    router.post("/api/v1/groups/:id/members/remove").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        groups.remove(Http.account(ctx), Http.id(ctx, "id", "group"), ids(Http.body(ctx))))));
    router.delete("/api/v1/groups/:id/members/:contact").handler(Http.safe(ctx -> reply(ctx, 200,
        groups.remove(Http.account(ctx), Http.id(ctx, "id", "group"),
            java.util.List.of(Http.id(ctx, "contact", "contact"))))));
    router.post("/api/v1/groups/:id/merge").handler(Http.readBody()).handler(Http.safe(ctx -> {
      JsonObject body = Http.body(ctx);
      Object source = body.getValue("group");
      if (!(source instanceof Number n) || n.doubleValue() != n.longValue()) {
        throw Refusal.invalid("group", "group names the group to merge into this one, by id",
            source == null ? null : source.toString());
      }
      Object keep = body.getValue("keepSource", false);
      if (!(keep instanceof Boolean)) {
        throw Refusal.invalid("keepSource", "keepSource must be true or false", keep.toString());
      }
      reply(ctx, 200, groups.merge(Http.account(ctx), Http.id(ctx, "id", "group"), n.longValue(), (Boolean) keep));
    }));
  }

  private static java.util.List<Long> ids(JsonObject body) {
    Object value = body.getValue("contacts");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw Refusal.invalid("contacts", "contacts must be a list of contact ids",
          value == null ? null : value.toString());
    }
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof Number n) || n.doubleValue() != n.longValue()) {
        throw Refusal.invalid("contacts", "contacts must be a list of contact ids", String.valueOf(o));
      }
      ids.add(n.longValue());
    }
    return ids;
  }
}
