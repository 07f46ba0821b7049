package io.herald.config;

import io.herald.smsc.simulator.SimulatorConfig;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The whole effective configuration, validated. Built by {@link ConfigLoader}. */
public record HeraldConfig(
    HttpConfig http,
    DbConfig db,
    ApiLimits api,
    LoginsConfig logins,
    AdminConfig admin,
    AdminConfig operator,
    AccountDefaults account,
    MessagesConfig messages,
    DispatchConfig dispatch,
    List<SmscConfig> smsc,
    List<RouteConfig> routes,
    ReceiptsConfig receipts,
    SimulatorConfig simulator,
    DropConfig drop,
    AutoPauseConfig autoPause,
    MailConfig mail,
    NotifyConfig notices,
    AlertsConfig alerts) {

  /** trustedProxies: the addresses of reverse proxies whose X-Forwarded-For names the client. */
  public record HttpConfig(String host, int port, java.util.Set<String> trustedProxies) {}

  public record DbConfig(String url, int poolSize) {}

  /** The first start on an empty database creates this user; a blank password means "generate one". */
  public record AdminConfig(String email, String password) {}

  /** Settings of the account created on first start. */
  public record AccountDefaults(String name, String region, ZoneId timeZone, String sender) {}

  /** maxScheduleDays: how far ahead a send time (a job's start, a recipient's sendAt) may be. */
  public record MessagesConfig(int maxParts, int maxScheduleDays) {}

  /** Mass text alerts' pace: texts per minute for one account, so they never crowd out its conversations. */
  public record AlertsConfig(int perMinute) {}

  /** How long a receipt that matches no message part is kept for operators to look at. */
  public record ReceiptsConfig(int unmatchedRetentionHours) {}

  public record DispatchConfig(
      int batchSize,
      int leaseSeconds,
      long pollMillis,
      int maxAttempts,
      long retryMinMillis,
      long retryMaxMillis,
      long shutdownGraceMillis) {}

  /** A comma-separated list of IP addresses, each checked (a name would need a lookup at every request). */
  private static java.util.Set<String> addresses(Keys keys, String key) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String part : keys.text(key).split(",")) {
      String a = part.strip();
      if (a.isEmpty()) {
        continue;
      }
      if (!a.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
        throw new ConfigException("config key '" + keys.name(key) + "' is a comma-separated list of IP addresses, got '"
            + a + "'");
      }
      try {
        out.add(java.net.InetAddress.getByName(a).getHostAddress());
      } catch (java.net.UnknownHostException e) {
        throw new ConfigException("config key '" + keys.name(key) + "': '" + a + "' is not an IP address");
      }
    }
    return java.util.Set.copyOf(out);
  }

  static HeraldConfig from(JsonObject json) {
    Keys root = new Keys(json, "");
    Keys http = root.section("http");
    Keys db = root.section("db");
    Keys admin = root.section("admin");
    Keys account = root.section("account");
    Keys dispatch = root.section("dispatch");
    Keys simulator = root.section("simulator");
    String region = account.nonEmpty("region");
    if (!region.matches("[A-Z]{2}")) {
      throw new ConfigException("config key 'account.region' must be a two-letter country code like US, got '" + region + "'");
    }
    List<SmscConfig> connections = connections(json);
    return new HeraldConfig(
        new HttpConfig(http.nonEmpty("host"), http.port("port"), addresses(http, "trustedProxies")),
        new DbConfig(db.nonEmpty("url"), (int) db.number("poolSize", 1, 100)),
        ApiLimits.from(root.section("api")),
        LoginsConfig.from(root.section("logins")),
        new AdminConfig(admin.nonEmpty("email"), admin.text("password")),
        new AdminConfig(root.section("operator").nonEmpty("email"), root.section("operator").text("password")),
        new AccountDefaults(account.nonEmpty("name"), region, zone(account.nonEmpty("timeZone")), account.nonEmpty("sender")),
        new MessagesConfig((int) root.section("messages").number("maxParts", 1, 255),
            (int) root.section("messages").number("maxScheduleDays", 1, 3_650)),
        new DispatchConfig(
            (int) dispatch.number("batchSize", 1, 10_000),
            (int) dispatch.number("leaseSeconds", 5, 86_400),
            dispatch.number("pollMillis", 10, 60_000),
            (int) dispatch.number("maxAttempts", 1, 1_000),
            dispatch.number("retryMinMillis", 0, 86_400_000),
            dispatch.number("retryMaxMillis", 0, 86_400_000),
            dispatch.number("shutdownGraceMillis", 0, 600_000)),
        connections,
        RouteConfig.from(json.getJsonArray("routes"),
            connections.stream().map(SmscConfig::name).collect(java.util.stream.Collectors.toSet())),
        new ReceiptsConfig((int) root.section("receipts").number("unmatchedRetentionHours", 1, 24 * 365)),
        new SimulatorConfig(
            simulator.bool("enabled"),
            simulator.nonEmpty("host"),
            simulator.port("port"),
            simulator.nonEmpty("systemId"),
            simulator.text("password"),
            simulator.number("receiptDelayMillis", 0, 3_600_000)),
        DropConfig.from(root.section("drop")),
        AutoPauseConfig.from(dispatch.section("autoPause")),
        MailConfig.from(root.section("mail")),
        NotifyConfig.from(root.section("notify"), http.text("publicUrl")),
        new AlertsConfig((int) root.section("alerts").number("perMinute", 1, 60_000)));
  }

  private static List<SmscConfig> connections(JsonObject json) {
    List<SmscConfig> list = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < json.getJsonArray("smsc").size(); i++) {
      SmscConfig connection = SmscConfig.from(new Keys(json.getJsonArray("smsc").getJsonObject(i), "smsc." + i));
      if (!names.add(connection.name())) {
        throw new ConfigException("config key 'smsc." + i + ".name': '" + connection.name() + "' is used twice");
      }
      list.add(connection);
    }
    return List.copyOf(list);
  }

  private static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new ConfigException("config key 'account.timeZone' must be an IANA time zone like Europe/Paris, got '" + name + "'");
    }
  }
}
