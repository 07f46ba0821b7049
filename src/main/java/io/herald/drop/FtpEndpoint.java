package io.herald.drop;

import io.vertx.core.json.JsonObject;

/** Where customers reach the FTP site, as shown with each profile; port is known once the server listens. */
public final class FtpEndpoint {
  private final String host;
  private final boolean tls;
  private final boolean enabled;
  private volatile int port;

  public FtpEndpoint(String host, int configuredPort, boolean tls, boolean enabled) {
    this.host = host;
    this.port = configuredPort;
    this.tls = tls;
    this.enabled = enabled;
  }

  void listening(int actualPort) {
    this.port = actualPort;
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  public boolean enabled() {
    return enabled;
  }

  public String url() {
    return "ftp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
  }

  JsonObject toJson(String username) {
    return new JsonObject().put("enabled", enabled).put("host", host).put("port", port).put("username", username)
        .put("url", "ftp://" + username + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/")
        .put("tls", tls ? "explicit" : "none");
  }
}
