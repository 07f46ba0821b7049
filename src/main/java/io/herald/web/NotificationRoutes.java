package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.Principal;
import io.herald.errors.Refusal;
import io.herald.notify.NotificationKind;
import io.herald.notify.NotificationSettings;
import io.herald.notify.Notifications;
import io.herald.notify.OutboxEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifications: an account's recipients and events (its admins), each user's own choices, a test
 * mail, and the outbox (operators).
 */
public final class NotificationRoutes implements Routes {
  private final Notifications notifications;

  public NotificationRoutes(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/notifications/settings").handler(Http.safe(ctx ->
        notifications.settings(Http.account(ctx)).onSuccess(s -> json(ctx, 200, view(s))).onFailure(ctx::fail)));
    router.put("/api/v1/notifications/settings").handler(Http.readBody()).handler(Http.safe(ctx -> {
      JsonObject body = Http.body(ctx);
      BodyFields.only(body, Set.of("recipients", "events"), "notification settings");
      notifications.save(Http.account(ctx), recipients(body), events(body))
          .onSuccess(s -> json(ctx, 200, view(s))).onFailure(ctx::fail);
    }));
    router.post("/api/v1/notifications/test").handler(Http.safe(ctx ->
        notifications.test(Http.account(ctx), Http.principal(ctx).email())
            .onSuccess(n -> json(ctx, 202, new JsonObject().put("queued", n))).onFailure(ctx::fail)));
    router.get("/api/v1/notifications/mine").handler(Http.safe(ctx -> {
      Principal p = user(ctx);
      notifications.muted(p.userId()).onSuccess(m -> json(ctx, 200, mine(p, m))).onFailure(ctx::fail);
    }));
    router.put("/api/v1/notifications/mine").handler(Http.readBody()).handler(Http.safe(ctx -> {
      Principal p = user(ctx);
      JsonObject body = Http.body(ctx);
      BodyFields.only(body, Set.of("muted"), "your notifications");
      notifications.mute(p.userId(), strings(body, "muted")).onSuccess(m -> json(ctx, 200, mine(p, m))).onFailure(ctx::fail);
    }));
    router.get("/api/v1/notifications/outbox").handler(Http.safe(ctx -> {
      int limit = (int) Http.longParam(ctx, "limit", 100, 1, 1_000);
      notifications.outbox(ctx.request().getParam("status"), Http.idParam(ctx, "before"), limit)
          .compose(list -> notifications.outboxCounts().map(counts -> new JsonObject()
              .put("mail", notifications.mailOn() ? "on" : "off").put("counts", new JsonObject(new LinkedHashMap<>(counts)))
              .put("mails", new JsonArray(list.stream().map(NotificationRoutes::view).toList()))))
          .onSuccess(page -> json(ctx, 200, page)).onFailure(ctx::fail);
    }));
    router.post("/api/v1/notifications/outbox/:id/retry").handler(Http.safe(ctx ->
        notifications.retry(Http.id(ctx, "id", "mail")).onSuccess(v -> json(ctx, 202, new JsonObject().put("queued", true)))
            .onFailure(ctx::fail)));
  }

  private static Principal user(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (p.user() == null) {
      throw Refusal.invalid("an API key gets no mail of its own: log in as the user whose notifications these are");
    }
    return p;
  }

  private JsonObject view(NotificationSettings s) {
    JsonObject events = new JsonObject();
    s.events().forEach((k, on) -> events.put(k.key(), on));
    return new JsonObject().put("mail", notifications.mailOn() ? "on" : "off")
        .put("recipients", new JsonArray(s.recipients())).put("events", events)
        .put("kinds", kinds(NotificationKind.choosable(false)));
  }

  private JsonObject mine(Principal p, Set<NotificationKind> muted) {
    List<NotificationKind> kinds = new ArrayList<>(NotificationKind.choosable(p.isOperator()));
    return new JsonObject().put("email", p.email()).put("mail", notifications.mailOn() ? "on" : "off")
        .put("muted", new JsonArray(muted.stream().map(NotificationKind::key).sorted().toList()))
        .put("kinds", kinds(kinds));
  }

  private static JsonArray kinds(List<NotificationKind> kinds) {
    return new JsonArray(kinds.stream().map(k -> new JsonObject().put("key", k.key()).put("label", k.label())).toList());
  }

  static JsonObject view(OutboxEntry m) {
    return new JsonObject().put("id", m.id()).put("kind", m.kind()).put("accountId", m.accountId())
        .put("recipient", m.recipient()).put("subject", m.subject()).put("status", m.status())
        .put("attempts", m.attempts()).put("nextAttemptAt", "pending".equals(m.status()) ? m.nextAttemptAt().toString() : null)
        .put("lastError", m.lastError()).put("createdAt", m.createdAt().toString())
        .put("sentAt", m.sentAt() == null ? null : m.sentAt().toString());
  }

  private static List<String> recipients(JsonObject body) {
    return body.containsKey("recipients") ? strings(body, "recipients") : null;
  }

  private static List<String> strings(JsonObject body, String key) {
    if (!(body.getValue(key) instanceof JsonArray list)) {
      throw Refusal.invalid(key, key + " must be a list of strings", null);
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw Refusal.invalid(key, key + " must be a list of strings", String.valueOf(o));
      }
      out.add(s);
    }
    return out;
  }

  private static Map<String, Boolean> events(JsonObject body) {
    Map<String, Boolean> events = new LinkedHashMap<>();
    if (body.getValue("events") == null) {
      return events;
    }
    if (!(body.getValue("events") instanceof JsonObject given)) {
      throw Refusal.invalid("events", "events must be an object of notification: true or false", null);
    }
    for (String k : given.fieldNames()) {
      if (!(given.getValue(k) instanceof Boolean b)) {
        throw Refusal.invalid("events." + k, "events." + k + " must be true or false", String.valueOf(given.getValue(k)));
      }
      events.put(k, b);
    }
    return events;
  }
}
