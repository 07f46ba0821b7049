package io.herald.web;

import static io.herald.web.BodyFields.cleared;
import static io.herald.web.BodyFields.flag;
import static io.herald.web.BodyFields.number;
import static io.herald.web.BodyFields.text;
import static io.herald.web.Http.json;

import io.herald.accounts.AccountChange;
import io.herald.accounts.AccountSettings;
import io.herald.accounts.Accounts;
import io.herald.accounts.Principal;
import io.herald.errors.Refusal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * Accounts: operators list, create and change them (products, limits, disabling); a user of an
 * account may read its own.
 */
public final class AccountRoutes implements Routes {
  private static final Set<String> FIELDS = Set.of("name", "region", "timeZone", "dropAndGo", "twoWay", "alerts",
      "campaigns", "broadcasts", "rateTps", "maxListRecipients", "disabled", "alertsPerMinute", "retentionDays");
  private final Accounts accounts;

  public AccountRoutes(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/accounts").handler(Http.safe(ctx ->
        Http.listed(ctx, "accounts", accounts.list(), AccountRoutes::view)));
    router.post("/api/v1/accounts").handler(Http.readBody()).handler(Http.safe(ctx -> accounts
        .create(change(Http.body(ctx)))
        .onSuccess(a -> json(ctx, 201, view(a)))
        .onFailure(ctx::fail)));
    // an operator, or a user of that very account
    router.get("/api/v1/accounts/:id").handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "account");
      Principal p = Http.principal(ctx);
      if (!p.isOperator() && (p.accountId() == null || p.accountId() != id)) {
        throw Refusal.notFound("account");
      }
      accounts.one(id)
          .onSuccess(a -> a.ifPresentOrElse(account -> json(ctx, 200, view(account)),
              () -> ctx.fail(Refusal.notFound("account"))))
          .onFailure(ctx::fail);
    }));
    router.patch("/api/v1/accounts/:id").handler(Http.readBody()).handler(Http.safe(ctx -> {
      long id = Http.id(ctx, "id", "account");
      accounts.change(id, change(Http.body(ctx)))
          .onSuccess(a -> a.ifPresentOrElse(account -> json(ctx, 200, view(account)),
              () -> ctx.fail(Refusal.notFound("account"))))
          .onFailure(ctx::fail);
    }));
  }

  private static AccountChange change(JsonObject body) {
    BodyFields.only(body, FIELDS, "an account");
    return new AccountChange(text(body, "name"), text(body, "region"), text(body, "timeZone"),
        flag(body, "dropAndGo"), flag(body, "twoWay"), flag(body, "alerts"), flag(body, "campaigns"),
        flag(body, "broadcasts"), number(body, "rateTps", "a number of messages per second, or null for no cap"),
        cleared(body, "rateTps"), whole(body, "maxListRecipients"), flag(body, "disabled"), whole(body, "alertsPerMinute"),
        cleared(body, "alertsPerMinute"), whole(body, "retentionDays"));
  }

  private static Integer whole(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e9) {
      return n.intValue();
    }
    throw Refusal.invalid(key, key + " must be a whole number", String.valueOf(v));
  }

  static JsonObject view(AccountSettings a) {
    return new JsonObject().put("id", a.id()).put("name", a.name()).put("region", a.region())
        .put("timeZone", a.timeZone().getId()).put("dropAndGo", a.dropAndGo()).put("twoWay", a.twoWay())
        .put("alerts", a.alerts()).put("campaigns", a.campaigns()).put("broadcasts", a.broadcasts())
        .put("rateTps", a.rateTps()).put("maxListRecipients", a.maxListRecipients()).put("alertsPerMinute", a.alertsPerMinute())
        .put("retentionDays", a.retentionDays())
        .put("disabled", a.disabled()).put("disabledAt", a.disabledAt() == null ? null : a.disabledAt().toString())
        .put("createdAt", a.createdAt().toString());
  }
}
