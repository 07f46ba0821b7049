package io.herald.web;

import static io.herald.web.ContactsRoutes.noContent;
import static io.herald.web.ContactsRoutes.reply;

import io.herald.contacts.Field;
import io.herald.contacts.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Contact fields: everyone reads them, account admins add, rename and delete custom ones. */
final class FieldRoutes implements Routes {
  private final Fields fields;

  FieldRoutes(Fields fields) {
    this.fields = fields;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/fields").handler(Http.safe(ctx -> reply(ctx, 200,
        fields.list(Http.account(ctx)).map(list -> {
          JsonArray all = new JsonArray();
          list.forEach(f -> all.add(f.toJson()));
          return new JsonObject().put("fields", all)
              .put("custom", list.stream().filter(f -> !f.isDefault()).count())
              .put("maxCustom", Fields.MAX_CUSTOM);
        }))));
    router.post("/api/v1/fields").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 201,
        fields.create(Http.account(ctx), Http.body(ctx)).map(Field::toJson))));
    router.put("/api/v1/fields/:key").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        fields.update(Http.account(ctx), ctx.pathParam("key"), Http.body(ctx)).map(Field::toJson))));
    router.delete("/api/v1/fields/:key").handler(Http.safe(ctx -> noContent(ctx,
        fields.delete(Http.account(ctx), ctx.pathParam("key")))));
  }
}
