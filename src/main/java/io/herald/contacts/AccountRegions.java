package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** The region an account reads national phone numbers in; also tells whether the account exists. */
public final class AccountRegions {
  private final Pool pool;

  public AccountRegions(Pool pool) {
    this.pool = pool;
  }

  /** Fails with 404 "account not found" for an id no account has (an operator's ?account=). */
  public Future<String> region(long accountId) {
    return pool.preparedQuery("SELECT default_region FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .compose(rows -> Sql.first(rows).map(r -> Future.succeededFuture(r.getString(0)))
            .orElseGet(() -> Future.failedFuture(Refusal.notFound("account"))));
  }
}
