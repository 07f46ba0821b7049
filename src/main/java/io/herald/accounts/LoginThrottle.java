package io.herald.accounts;

import io.herald.config.LoginsConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The one throttle of failed log-ins, for HTTP Basic, the admin UI and the FTP site alike. Failures
 * are rows in PostgreSQL, so every node counts the same ones and a restart forgets none. A login is
 * {@code web:<e-mail key>} or {@code ftp:<user name>}; an address is the client's IP address.
 * Past a limit, attempts are refused before any password is checked, which also spares the CPU a
 * guessing run would make Argon2 burn. A success forgets only the failures of its own login.
 */
public final class LoginThrottle {
  private final Pool pool;
  private final LoginsConfig config;

  public LoginThrottle(Pool pool, LoginsConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /**
   * Where a login stands: locked for some seconds (and why, in words for the person trying), and
   * whether it has failures a success should forget.
   */
  public record Standing(long lockedSeconds, String reason, boolean hasFailures) {
    public boolean locked() {
      return lockedSeconds > 0;
    }

    /** "try again in 1 minute", "... in 15 minutes". */
    public String retryIn() {
      long minutes = Math.max(1, (lockedSeconds + 59) / 60);
      return "try again in " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
  }

  /** The standing of this login from this address; a null login asks about the address alone. */
  public Future<Standing> check(String login, String address) {
    return pool.preparedQuery("""
            SELECT count(*) FILTER (WHERE login = $1 AND address = $2) AS pair,
                   extract(epoch FROM min(failed_at) FILTER (WHERE login = $1 AND address = $2) - cutoff) AS pair_wait,
                   count(*) FILTER (WHERE address = $2) AS by_address,
                   extract(epoch FROM min(failed_at) FILTER (WHERE address = $2) - cutoff) AS address_wait,
                   count(*) FILTER (WHERE login = $1) AS by_login,
                   extract(epoch FROM min(failed_at) FILTER (WHERE login = $1) - cutoff) AS login_wait
            FROM login_failures, (SELECT now() - make_interval(secs => $3) AS cutoff) w
            WHERE (login = $1::text OR address = $2) AND failed_at > cutoff
            GROUP BY cutoff""")
        .execute(Tuple.of(login, address, config.windowSeconds()))
        .map(rows -> {
          if (rows.size() == 0) {
            return new Standing(0, null, false);
          }
          Row r = rows.iterator().next();
          long wait = 0;
          String reason = null;
          if (r.getLong("pair") >= config.maxPerLoginAndAddress()) {
            wait = seconds(r, "pair_wait");
            reason = "too many failed log-ins for this user from your address";
          }
          if (r.getLong("by_address") >= config.maxPerAddress() && seconds(r, "address_wait") > wait) {
            wait = seconds(r, "address_wait");
            reason = "too many failed log-ins from your address";
          }
          if (r.getLong("by_login") >= config.maxPerLogin() && seconds(r, "login_wait") > wait) {
            wait = seconds(r, "login_wait");
            reason = "too many failed log-ins for this user";
          }
          return new Standing(wait, reason, r.getLong("by_login") > 0);
        });
  }

  /** Records a failure, and drops the rows that have aged out of the window. */
  public Future<Void> failed(String login, String address) {
    return pool.preparedQuery("""
            WITH aged AS (DELETE FROM login_failures WHERE failed_at < now() - make_interval(secs => $3))
            INSERT INTO login_failures (login, address) VALUES ($1, $2)""")
        .execute(Tuple.of(login, address, config.windowSeconds())).mapEmpty();
  }

  /**
   * A right password: this login's failures from this address are forgotten. Those of other logins
   * from the address, and this login's from elsewhere (someone guessing it), still count.
   */
  public Future<Void> succeeded(String login, String address) {
    return pool.preparedQuery("DELETE FROM login_failures WHERE login = $1 AND address = $2")
        .execute(Tuple.of(login, address)).mapEmpty();
  }

  private static long seconds(Row r, String column) {
    Number n = r.getNumeric(column);
    return n == null ? 0 : Math.max(1, (long) Math.ceil(n.doubleValue()));
  }
}
