package io.herald.config;

/**
 * How failed log-ins are counted for every way of logging in (HTTP Basic, the admin UI's log-in,
 * the Drop &amp; Go FTP site): failures within the window, per login name from one address, per
 * address whatever the name, and per login name from anywhere. Past a limit, attempts are refused
 * before any password is checked until enough failures have aged out of the window.
 */
public record LoginsConfig(int windowSeconds, int maxPerLoginAndAddress, int maxPerAddress, int maxPerLogin) {
  static LoginsConfig from(Keys keys) {
    return new LoginsConfig(
        (int) keys.number("windowSeconds", 1, 7 * 86_400),
        (int) keys.number("maxPerLoginAndAddress", 1, 10_000),
        (int) keys.number("maxPerAddress", 1, 100_000),
        (int) keys.number("maxPerLogin", 1, 100_000));
  }
}
