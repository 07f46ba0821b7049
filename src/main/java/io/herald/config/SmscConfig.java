package io.herald.config;

/** One carrier SMSC connection: where it is, how to bind, and how hard it may be pushed. */
public record SmscConfig(
    String name,
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    int window,
    int tps,
    int enquireLinkSeconds,
    long responseTimeoutMillis,
    long reconnectMinMillis,
    long reconnectMaxMillis) {

  static SmscConfig from(Keys keys) {
    SmscConfig config = new SmscConfig(
        keys.nonEmpty("name"),
        keys.nonEmpty("host"),
        keys.port("port"),
        keys.nonEmpty("systemId"),
        keys.text("password"),
        keys.text("systemType"),
        (int) keys.number("window", 1, 1_000),
        (int) keys.number("tps", 1, 100_000),
        (int) keys.number("enquireLinkSeconds", 1, 3_600),
        keys.number("responseTimeoutMillis", 100, 600_000),
        keys.number("reconnectMinMillis", 10, 3_600_000),
        keys.number("reconnectMaxMillis", 10, 3_600_000));
    if (config.reconnectMaxMillis < config.reconnectMinMillis) {
      throw new ConfigException("config key '" + keys.name("reconnectMaxMillis") + "' must not be below reconnectMinMillis");
    }
    return config;
  }

  public SmscConfig withPort(int newPort) {
    return new SmscConfig(name, host, newPort, systemId, password, systemType, window, tps,
        enquireLinkSeconds, responseTimeoutMillis, reconnectMinMillis, reconnectMaxMillis);
  }
}
