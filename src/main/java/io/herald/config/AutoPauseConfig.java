package io.herald.config;

/**
 * When a job pauses itself: failures of its last window outcomes reach failures (permanent
 * errors), or every submit of it is throttled for throttledSeconds. Conversation texts never pause.
 */
public record AutoPauseConfig(boolean enabled, int window, int failures, long throttledSeconds) {
  static AutoPauseConfig from(Keys keys) {
    int window = (int) keys.number("window", 1, 100_000);
    int failures = (int) keys.number("failures", 1, 100_000);
    if (failures > window) {
      throw new ConfigException("config key '" + keys.name("failures") + "' must not be above " + keys.name("window")
          + " (" + window + ")");
    }
    return new AutoPauseConfig(keys.bool("enabled"), window, failures, keys.number("throttledSeconds", 1, 86_400));
  }
}
