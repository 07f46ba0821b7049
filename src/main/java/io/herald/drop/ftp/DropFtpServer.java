package io.herald.drop.ftp;

import io.herald.config.DropConfig;
import java.time.Clock;
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
 * home; passive data ports from config; anonymous login off; failed logins delayed and, repeated
 * from one address, blocked; explicit FTPS (AUTH TLS) when a keystore is configured. start() and
 * stop() block: call them on a worker thread.
 */
public final class DropFtpServer {
  private final DropConfig config;
  private final DropSite site;
  private final LoginThrottle throttle;
  private FtpServer server;

  public DropFtpServer(DropConfig config, DropSite site, Clock clock) {
    this.config = config;
    this.site = site;
    this.throttle = new LoginThrottle(config.failedLoginLimit(), config.failedLoginBlockSeconds() * 1000L, clock);
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
    connections.setMaxLoginFailures(config.failedLoginLimit());
    connections.setMaxLogins(0);
    connections.setMaxThreads(0);

    FtpServerFactory factory = new FtpServerFactory();
    factory.addListener("default", listener.createListener());
    factory.setConnectionConfig(connections.createConnectionConfig());
    factory.setUserManager(new DropUserManager(site, throttle, config.idleSeconds()));
    factory.setFileSystem(new JailedFileSystem(config.maxFileBytes()));
    factory.setFtplets(Map.of("drop", new DropFtplet(site, throttle)));
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
