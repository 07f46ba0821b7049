package io.herald.drop.ftp;

import io.herald.config.DropConfig;
import java.util.Map;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;

/**
 * The Drop &amp; Go FTP site: Apache FtpServer with drop profiles as its users, each jailed in its
 * home under a quota; passive data ports from config, active mode (PORT, EPRT) off unless
 * configured, and then only to the client's own address (no FTP bounce); anonymous login off;
 * connections limited; failed logins delayed and throttled; explicit FTPS (AUTH TLS) when a
 * keystore is configured. start() and stop() block: call them on a worker thread.
 */
public final class DropFtpServer {
  /** A control connection is closed after this many wrong passwords; the throttle counts across connections. */
  private static final int FAILURES_PER_CONNECTION = 3;

  private final DropConfig config;
  private final DropSite site;
  private FtpServer server;

  public DropFtpServer(DropConfig config, DropSite site) {
    this.config = config;
    this.site = site;
  }

  /** Starts listening; returns the port (the one picked when the config says 0). */
  public synchronized int start() throws FtpException {
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress(config.host());
    listener.setPort(config.port());
    listener.setIdleTimeout(config.idleSeconds());
    DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
    data.setPassivePorts(config.passivePorts());
    data.setIdleTime(config.idleSeconds());
    data.setActiveEnabled(config.activeMode());
    data.setActiveIpCheck(true);
    if (config.tls()) {
      SslConfigurationFactory ssl = new SslConfigurationFactory();
      ssl.setKeystoreFile(config.keystore().toFile());
      ssl.setKeystorePassword(config.keystorePassword());
      listener.setSslConfiguration(ssl.createSslConfiguration());
      listener.setImplicitSsl(false);
      data.setSslConfiguration(ssl.createSslConfiguration());
    }
    listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());

    ConnectionConfigFactory connections = new ConnectionConfigFactory();
    connections.setAnonymousLoginEnabled(false);
    connections.setLoginFailureDelay((int) config.failedLoginDelayMillis());
    connections.setMaxLoginFailures(FAILURES_PER_CONNECTION);
    connections.setMaxLogins(0);
    connections.setMaxThreads(0);

    FtpServerFactory factory = new FtpServerFactory();
    factory.addListener("default", listener.createListener());
    factory.setConnectionConfig(connections.createConnectionConfig());
    factory.setUserManager(new DropUserManager(site, config.idleSeconds()));
    factory.setFileSystem(new JailedFileSystem(config.maxFileBytes(), config.quotaBytes()));
    factory.setFtplets(Map.of("drop", new DropFtplet(site,
        new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerAddress()))));
    server = factory.createServer();
    server.start();
    return factory.getListener("default").getPort();
  }

  public synchronized void stop() {
    if (server != null && !server.isStopped()) {
      server.stop();
    }
  }
}
