package io.herald.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Drop &amp; Go: the FTP site customers drop CSV files on, where the files live and how much each
 * profile may keep there, how many connections it takes, and how much a failed login is slowed down
 * (how many are allowed is {@link LoginsConfig}'s, shared with the other ways of logging in).
 */
public record DropConfig(
    boolean enabled,
    String host,
    int port,
    String publicHost,
    String passivePorts,
    Path directory,
    long maxFileBytes,
    long quotaBytes,
    Path keystore,
    String keystorePassword,
    boolean activeMode,
    int maxConnections,
    int maxConnectionsPerAddress,
    long failedLoginDelayMillis,
    int idleSeconds) {

  private static final Pattern PORT_LIST = Pattern.compile("\\d{1,5}(-\\d{1,5})?(,\\d{1,5}(-\\d{1,5})?)*");

  /** Explicit FTPS (AUTH TLS) is offered when a keystore is configured. */
  public boolean tls() {
    return keystore != null;
  }

  /** The host customers connect to, for the FTP link shown with each drop profile. */
  public String linkHost() {
    if (!publicHost.isBlank()) {
      return publicHost;
    }
    return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
  }

  static DropConfig from(Keys keys) {
    String passive = keys.nonEmpty("passivePorts").replace(" ", "");
    if (!PORT_LIST.matcher(passive).matches() || !portsInRange(passive)) {
      throw new ConfigException("config key '" + keys.name("passivePorts")
          + "' must be a port range like 30000-30100 (or a list like 30000,30005-30010; 0 = any free port), got '"
          + keys.text("passivePorts") + "'");
    }
    String keystoreText = keys.text("keystore");
    Path keystore = keystoreText.isBlank() ? null : Path.of(keystoreText);
    if (keystore != null && !Files.isRegularFile(keystore)) {
      throw new ConfigException("config key '" + keys.name("keystore") + "' names " + keystoreText
          + ", which is not a file (a Java keystore, PKCS12 or JKS, with the FTPS certificate)");
    }
    return new DropConfig(
        keys.bool("enabled"),
        keys.nonEmpty("host"),
        keys.port("port"),
        keys.text("publicHost"),
        passive,
        Path.of(keys.nonEmpty("directory")),
        keys.number("maxFileBytes", 1, 1L << 40),
        keys.number("quotaBytes", 1, 1L << 50),
        keystore,
        keys.text("keystorePassword"),
        keys.bool("activeMode"),
        (int) keys.number("maxConnections", 1, 100_000),
        (int) keys.number("maxConnectionsPerAddress", 1, 100_000),
        keys.number("failedLoginDelayMillis", 0, 60_000),
        (int) keys.number("idleSeconds", 10, 86_400));
  }

  private static boolean portsInRange(String list) {
    for (String part : list.split("[,-]")) {
      int port = Integer.parseInt(part);
      if (port > 65535) {
        return false;
      }
    }
    return true;
  }
}
