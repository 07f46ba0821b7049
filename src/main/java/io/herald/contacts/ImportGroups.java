package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** The group an import's contacts go to: checked when it is chosen and again when the import runs. */
final class ImportGroups {
  private final Pool pool;
  private final Groups groups;

  ImportGroups(Pool pool, Groups groups) {
    this.pool = pool;
    this.groups = groups;
  }

  /** The group the contacts go to (made now when new), or null. */
  Future<Long> group(SqlClient tx, long accountId, JsonObject choice) {
    return switch (choice.getString("mode")) {
      case "existing" -> Future.succeededFuture(choice.getLong("groupId"));
      case "new" -> tx.preparedQuery("""
              INSERT INTO contact_groups (account_id, name, category, type) VALUES ($1, $2, $3, 'static') RETURNING id""")
          .execute(Tuple.of(accountId, choice.getString("name"), choice.getString("category")))
          .map(rows -> rows.iterator().next().getLong(0))
          .recover(e -> Future.failedFuture(Groups.nameTaken(e, choice.getString("name"))));
      default -> Future.succeededFuture(null);
    };
  }

  Future<Void> nameFree(long accountId, String name) {
    return pool.preparedQuery("SELECT 1 FROM contact_groups WHERE account_id = $1 AND lower(name) = lower($2)")
        .execute(Tuple.of(accountId, name))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : Future.failedFuture(Refusal.conflict("a group named '" + name + "' already exists").with("field", "name").with("value", name)));
  }

  Future<GroupRef> staticGroup(long accountId, long groupId) {
    return groups.ref(accountId, groupId)
        .recover(e -> Future.failedFuture(e instanceof Refusal api && api.is(Refusal.Kind.NOT_FOUND)
            ? Refusal.notFoundBecause("group " + groupId + " not found").with("field", "groupId").with("value", groupId)
            : e))
        .compose(g -> g.dynamic()
            ? Future.failedFuture(Refusal.invalid("groupId", "group '" + g.name()
                + "' is dynamic: its members come from its conditions; choose a static group", String.valueOf(groupId)))
            : Future.succeededFuture(g));
  }
}
