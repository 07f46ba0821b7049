package io.herald.config;

/**
 * When operators are told: a connection down this long, this many receipts an hour that match no
 * message. publicUrl is where the admin UI is reached from a mail (empty: this server's own address).
 */
public record NotifyConfig(String publicUrl, long smscDownSeconds, long unmatchedReceiptsPerHour, long checkSeconds) {
  static NotifyConfig from(Keys notify, String publicUrl) {
    String url = publicUrl.strip();
    if (!url.isEmpty() && !url.matches("https?://[^\\s/]+(/\\S*)?")) {
      throw new ConfigException("config key 'http.publicUrl' must be an http:// or https:// address like "
          + "https://herald.example.org, got '" + publicUrl + "'");
    }
    return new NotifyConfig(url.replaceAll("/+$", ""), notify.number("smscDownSeconds", 1, 7 * 86_400),
        notify.number("unmatchedReceiptsPerHour", 1, 100_000_000), notify.number("checkSeconds", 1, 3_600));
  }
}
