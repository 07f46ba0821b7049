package io.herald.config;

import java.util.Set;

/**
 * The SMTP server notifications go through. Off while host is empty: nothing is written to the
 * outbox then, so turning mail on later does not send a backlog of old news.
 */
public record MailConfig(String host, int port, String tls, String username, String password, String from,
                         long retryMinSeconds, long retryMaxSeconds, int maxAttempts) {
  private static final Set<String> TLS = Set.of("none", "starttls", "tls");

  public boolean enabled() {
    return !host.isBlank();
  }

  static MailConfig from(Keys mail) {
    String tls = mail.nonEmpty("tls");
    if (!TLS.contains(tls)) {
      throw new ConfigException("config key '" + mail.name("tls") + "' must be none, starttls or tls, got '" + tls + "'");
    }
    String from = mail.nonEmpty("from");
    if (!from.contains("@")) {
      throw new ConfigException("config key '" + mail.name("from") + "' must be an e-mail address, got '" + from + "'");
    }
    long min = mail.number("retryMinSeconds", 1, 86_400);
    long max = mail.number("retryMaxSeconds", 1, 7 * 86_400);
    if (max < min) {
      throw new ConfigException("config key '" + mail.name("retryMaxSeconds") + "' must not be below retryMinSeconds");
    }
    return new MailConfig(mail.text("host").strip(), mail.port("port"), tls, mail.text("username"), mail.text("password"),
        from, min, max, (int) mail.number("maxAttempts", 1, 1_000));
  }
}
