package io.herald.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the first failure of a database outage and its end, not one line per poll. */
final class DatabaseWatch {
  private static final Logger log = LoggerFactory.getLogger(DatabaseWatch.class);
  private boolean down;

  void trouble(String what, Throwable cause) {
    if (!down) {
      down = true;
      log.warn("{}: {}; holding work in memory until the database answers", what, cause.getMessage());
    }
  }

  void back() {
    if (down) {
      down = false;
      log.info("database answers again; dispatch resumes");
    }
  }
}
