package io.herald.web;

import static io.herald.web.Http.json;

import io.herald.accounts.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may call each API route: the one table, checked before any handler runs. A route that is not
 * in it is refused (deny by default), and start-up fails when a mounted route has no line here,
 * so a new route cannot be left out. Finer rules (only operators create operators, another
 * account's ids are not found) stay with the capability.
 */
final class RouteRoles implements Handler<RoutingContext> {
  /** One line: method, path as mounted, and the least role that may call it (operators may do what admins may). */
  record Rule(HttpMethod method, String path, Role least) {
    private Pattern pattern() {
      return Pattern.compile(path.replaceAll(":[A-Za-z]+", "[^/]+"));
    }
  }

  static final List<Rule> RULES = List.of(
      // messages, jobs, reports, dashboard: every user of an account
      user(HttpMethod.POST, "/api/v1/messages"),
      user(HttpMethod.GET, "/api/v1/messages/:id"),
      user(HttpMethod.GET, "/api/v1/jobs"),
      user(HttpMethod.POST, "/api/v1/jobs"),
      user(HttpMethod.GET, "/api/v1/jobs/:id"),
      user(HttpMethod.GET, "/api/v1/jobs/:id/report.csv"),
      user(HttpMethod.POST, "/api/v1/jobs/:id/pause"),
      user(HttpMethod.POST, "/api/v1/jobs/:id/resume"),
      user(HttpMethod.POST, "/api/v1/jobs/:id/cancel"),
      user(HttpMethod.GET, "/api/v1/dashboard"),
      user(HttpMethod.GET, "/api/v1/reports/drops"),
      user(HttpMethod.GET, "/api/v1/reports/drops.csv"),
      user(HttpMethod.GET, "/api/v1/reports/drops/:id/rejects"),
      user(HttpMethod.GET, "/api/v1/reports/drops/:id/rejects.csv"),
      user(HttpMethod.GET, "/api/v1/reports/sent-log"),
      user(HttpMethod.GET, "/api/v1/reports/sent-log.csv"),
      // contacts, groups, opt-outs, imports: every user; fields and reply keywords change with an admin
      user(HttpMethod.GET, "/api/v1/contacts"),
      user(HttpMethod.POST, "/api/v1/contacts"),
      user(HttpMethod.GET, "/api/v1/contacts/export"),
      user(HttpMethod.GET, "/api/v1/contacts/:id"),
      user(HttpMethod.PUT, "/api/v1/contacts/:id"),
      user(HttpMethod.DELETE, "/api/v1/contacts/:id"),
      user(HttpMethod.PUT, "/api/v1/contacts/:id/details/:kind"),
      user(HttpMethod.GET, "/api/v1/fields"),
      admin(HttpMethod.POST, "/api/v1/fields"),
      admin(HttpMethod.PUT, "/api/v1/fields/:key"),
      admin(HttpMethod.DELETE, "/api/v1/fields/:key"),
      user(HttpMethod.GET, "/api/v1/groups"),
      user(HttpMethod.POST, "/api/v1/groups"),
      user(HttpMethod.GET, "/api/v1/groups/:id"),
      user(HttpMethod.PUT, "/api/v1/groups/:id"),
      user(HttpMethod.DELETE, "/api/v1/groups/:id"),
      user(HttpMethod.GET, "/api/v1/groups/:id/contacts"),
      user(HttpMethod.POST, "/api/v1/groups/:id/members"),
      user(HttpMethod.POST, "/api/v1/groups/:id/members/remove"),
      user(HttpMethod.DELETE, "/api/v1/groups/:id/members/:contact"),
      user(HttpMethod.POST, "/api/v1/groups/:id/merge"),
      user(HttpMethod.GET, "/api/v1/opt-outs"),
      user(HttpMethod.POST, "/api/v1/opt-outs"),
      user(HttpMethod.POST, "/api/v1/opt-outs/import"),
      user(HttpMethod.DELETE, "/api/v1/opt-outs/:address"),
      user(HttpMethod.GET, "/api/v1/opt-outs/:address/history"),
      user(HttpMethod.GET, "/api/v1/reply-keywords"),
      admin(HttpMethod.PUT, "/api/v1/reply-keywords"),
      user(HttpMethod.GET, "/api/v1/imports"),
      user(HttpMethod.POST, "/api/v1/imports"),
      user(HttpMethod.GET, "/api/v1/imports/:id"),
      user(HttpMethod.PUT, "/api/v1/imports/:id/columns"),
      user(HttpMethod.PUT, "/api/v1/imports/:id/group"),
      user(HttpMethod.POST, "/api/v1/imports/:id/run"),
      user(HttpMethod.GET, "/api/v1/imports/:id/rejects"),
      user(HttpMethod.DELETE, "/api/v1/imports/:id"),
      // Drop & Go: profiles with an admin; keywords read by all, changed by admins; files by any user
      admin(HttpMethod.GET, "/api/v1/drop-profiles"),
      admin(HttpMethod.POST, "/api/v1/drop-profiles"),
      admin(HttpMethod.POST, "/api/v1/drop-profiles/send-at-preview"),
      admin(HttpMethod.GET, "/api/v1/drop-profiles/:id"),
      admin(HttpMethod.PATCH, "/api/v1/drop-profiles/:id"),
      admin(HttpMethod.DELETE, "/api/v1/drop-profiles/:id"),
      admin(HttpMethod.POST, "/api/v1/drop-profiles/:id/password"),
      user(HttpMethod.POST, "/api/v1/drop-profiles/:id/files"),
      user(HttpMethod.GET, "/api/v1/keywords"),
      admin(HttpMethod.POST, "/api/v1/keywords"),
      user(HttpMethod.GET, "/api/v1/keywords/:id"),
      admin(HttpMethod.PUT, "/api/v1/keywords/:id"),
      admin(HttpMethod.DELETE, "/api/v1/keywords/:id"),
      // users: account admins for their account, operators for all
      admin(HttpMethod.GET, "/api/v1/users"),
      admin(HttpMethod.POST, "/api/v1/users"),
      admin(HttpMethod.GET, "/api/v1/users/:id"),
      admin(HttpMethod.PUT, "/api/v1/users/:id"),
      admin(HttpMethod.DELETE, "/api/v1/users/:id"),
      // senders: account admins for their account, operators for all (sharing and SMSC routes: operators)
      admin(HttpMethod.GET, "/api/v1/senders"),
      admin(HttpMethod.POST, "/api/v1/senders"),
      admin(HttpMethod.PATCH, "/api/v1/senders/:id"),
      admin(HttpMethod.DELETE, "/api/v1/senders/:id"),
      // API keys: account admins for their account, operators for all
      admin(HttpMethod.GET, "/api/v1/api-keys"),
      admin(HttpMethod.POST, "/api/v1/api-keys"),
      admin(HttpMethod.DELETE, "/api/v1/api-keys/:id"),
      // the inbox: every user of the account
      user(HttpMethod.GET, "/api/v1/conversations"),
      user(HttpMethod.GET, "/api/v1/conversations/events"),
      user(HttpMethod.GET, "/api/v1/conversations/:id"),
      user(HttpMethod.POST, "/api/v1/conversations/:id/messages"),
      user(HttpMethod.POST, "/api/v1/conversations/:id/close"),
      user(HttpMethod.POST, "/api/v1/conversations/:id/reopen"),
      user(HttpMethod.POST, "/api/v1/conversations/:id/read"),
      // an account as its own users see it (others' are not found); changed by operators only
      user(HttpMethod.GET, "/api/v1/accounts/:id"),
      // notifications: an account's recipients with an admin; each user their own; the outbox operators
      admin(HttpMethod.GET, "/api/v1/notifications/settings"),
      admin(HttpMethod.PUT, "/api/v1/notifications/settings"),
      admin(HttpMethod.POST, "/api/v1/notifications/test"),
      user(HttpMethod.GET, "/api/v1/notifications/mine"),
      user(HttpMethod.PUT, "/api/v1/notifications/mine"),
      operator(HttpMethod.GET, "/api/v1/notifications/outbox"),
      operator(HttpMethod.POST, "/api/v1/notifications/outbox/:id/retry"),
      // proactive SMS: every user of the account reads; account admins create and change
      user(HttpMethod.GET, "/api/v1/answers"),
      user(HttpMethod.GET, "/api/v1/answers/:id"),
      user(HttpMethod.POST, "/api/v1/answers/check"),
      admin(HttpMethod.POST, "/api/v1/answers"),
      admin(HttpMethod.PUT, "/api/v1/answers/:id"),
      admin(HttpMethod.DELETE, "/api/v1/answers/:id"),
      user(HttpMethod.GET, "/api/v1/campaigns"),
      user(HttpMethod.GET, "/api/v1/campaigns/:id"),
      user(HttpMethod.GET, "/api/v1/campaigns/:id/activity"),
      user(HttpMethod.GET, "/api/v1/campaigns/:id/lists/template.csv"),
      user(HttpMethod.GET, "/api/v1/campaigns/:id/lists/:listId/errors.csv"),
      admin(HttpMethod.POST, "/api/v1/campaigns"),
      admin(HttpMethod.PUT, "/api/v1/campaigns/:id"),
      admin(HttpMethod.POST, "/api/v1/campaigns/:id/pause"),
      admin(HttpMethod.POST, "/api/v1/campaigns/:id/resume"),
      admin(HttpMethod.POST, "/api/v1/campaigns/:id/archive"),
      admin(HttpMethod.POST, "/api/v1/campaigns/:id/lists"),
      admin(HttpMethod.POST, "/api/v1/campaigns/:id/lists/:listId/cancel"),
      // appointments from a clinic's system, and mass text alerts: account admins
      admin(HttpMethod.POST, "/api/v1/appointments"),
      admin(HttpMethod.POST, "/api/v1/alerts/preview"),
      admin(HttpMethod.POST, "/api/v1/alerts/check"),
      admin(HttpMethod.POST, "/api/v1/alerts"),
      admin(HttpMethod.GET, "/api/v1/alerts"),
      admin(HttpMethod.GET, "/api/v1/alerts/:id"),
      admin(HttpMethod.GET, "/api/v1/alerts/:id/report.csv"),
      // broadcasts: users of the account keep the SMS library and prepare; account admins approve
      user(HttpMethod.GET, "/api/v1/sms"),
      user(HttpMethod.POST, "/api/v1/sms"),
      user(HttpMethod.GET, "/api/v1/sms/:id"),
      user(HttpMethod.PUT, "/api/v1/sms/:id"),
      user(HttpMethod.DELETE, "/api/v1/sms/:id"),
      user(HttpMethod.GET, "/api/v1/broadcasts/settings"),
      admin(HttpMethod.PUT, "/api/v1/broadcasts/settings"),
      user(HttpMethod.GET, "/api/v1/broadcasts"),
      user(HttpMethod.POST, "/api/v1/broadcasts"),
      user(HttpMethod.GET, "/api/v1/broadcasts/:id"),
      user(HttpMethod.PUT, "/api/v1/broadcasts/:id"),
      user(HttpMethod.POST, "/api/v1/broadcasts/:id/count"),
      user(HttpMethod.POST, "/api/v1/broadcasts/:id/prepare"),
      user(HttpMethod.POST, "/api/v1/broadcasts/:id/confirm"),
      user(HttpMethod.POST, "/api/v1/broadcasts/:id/cancel"),
      admin(HttpMethod.POST, "/api/v1/broadcasts/:id/approve"),
      admin(HttpMethod.POST, "/api/v1/broadcasts/:id/reject"),
      // operators only: accounts' settings, SMSC connections, unmatched receipts, the simulator
      operator(HttpMethod.GET, "/api/v1/accounts"),
      operator(HttpMethod.POST, "/api/v1/accounts"),
      operator(HttpMethod.PATCH, "/api/v1/accounts/:id"),
      operator(HttpMethod.GET, "/api/v1/smsc"),
      operator(HttpMethod.GET, "/api/v1/receipts/unmatched"),
      operator(HttpMethod.GET, "/api/v1/replies/unrouted"),
      operator(HttpMethod.GET, "/api/v1/simulator"),
      operator(HttpMethod.POST, "/api/v1/simulator/replies"));

  /** Routes anyone may call without credentials: mounted before authentication, so no role applies (check() skips them). */
  static final List<Rule> PUBLIC = List.of(new Rule(HttpMethod.GET, OpenApiRoutes.PATH, null));

  private final List<Rule> rules;
  private final List<Pattern> patterns = new ArrayList<>();

  RouteRoles(List<Rule> rules) {
    this.rules = rules;
    rules.forEach(r -> patterns.add(r.pattern()));
  }

  private static Rule user(HttpMethod method, String path) {
    return new Rule(method, path, Role.USER);
  }

  private static Rule admin(HttpMethod method, String path) {
    return new Rule(method, path, Role.ADMIN);
  }

  private static Rule operator(HttpMethod method, String path) {
    return new Rule(method, path, Role.OPERATOR);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Rule rule = find(ctx.request().method(), ctx.request().path());
    if (rule == null) {
      json(ctx, 404, new JsonObject().put("error", "no such API route"));
      return;
    }
    Role role = Http.principal(ctx).role();
    if (!allows(rule.least(), role)) {
      json(ctx, 403, new JsonObject().put("error", rule.least() == Role.OPERATOR ? "only operators may do this"
          : "only account admins may do this"));
      return;
    }
    ctx.next();
  }

  /** The line of this route: one whose path is the request's own first, else the first pattern that matches. */
  private Rule find(HttpMethod method, String path) {
    for (Rule r : rules) {
      if (r.method().equals(method) && r.path().equals(path)) {
        return r;
      }
    }
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (r.method().equals(method) && patterns.get(i).matcher(path).matches()) {
        return r;
      }
    }
    return null;
  }

  static boolean allows(Role least, Role role) {
    return switch (least) {
      case USER -> true;
      case ADMIN -> role == Role.ADMIN || role == Role.OPERATOR;
      case OPERATOR -> role == Role.OPERATOR;
    };
  }

  /** Fails when a mounted API route has no line in the table, or a line names no mounted route. */
  void check(Router router) {
    TreeSet<String> mounted = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || !path.startsWith("/api/v1/") || route.methods() == null) {
        continue;
      }
      route.methods().forEach(m -> mounted.add(m.name() + " " + path));
    }
    PUBLIC.forEach(r -> mounted.remove(r.method().name() + " " + r.path()));
    TreeSet<String> listed = new TreeSet<>();
    rules.forEach(r -> listed.add(r.method().name() + " " + r.path()));
    TreeSet<String> missing = new TreeSet<>(mounted);
    missing.removeAll(listed);
    TreeSet<String> stale = new TreeSet<>(listed);
    stale.removeAll(mounted);
    if (!missing.isEmpty() || !stale.isEmpty()) {
      throw new IllegalStateException("the route table (web/RouteRoles) and the mounted routes differ: "
          + (missing.isEmpty() ? "" : "not in the table: " + missing + " ") + (stale.isEmpty() ? "" : "not mounted: " + stale));
    }
  }
}
