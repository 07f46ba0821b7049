package io.herald.smsc.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/**
 * jsmpp's own factory listens on all interfaces and hides the socket; this one binds the configured host and keeps
 * the socket so that port 0 can report the port actually chosen.
 */
final class HostServerSocketFactory implements ServerConnectionFactory {
  private static final int BACKLOG = 50;

  private final String host;
  private volatile ServerSocket socket;

  HostServerSocketFactory(String host) {
    this.host = host;
  }

  int localPort() {
    ServerSocket current = socket;
    return current == null ? -1 : current.getLocalPort();
  }

  @Override
  public ServerConnection listen(int port) throws IOException {
    return listen(port, 0, BACKLOG);
  }

  @Override
  public ServerConnection listen(int port, int timeout) throws IOException {
    return listen(port, timeout, BACKLOG);
  }

  @Override
  public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
    ServerSocket serverSocket = new ServerSocket();
    try {
      serverSocket.setReuseAddress(true);
      serverSocket.bind(new InetSocketAddress(host, port), backlog);
      serverSocket.setSoTimeout(timeout);
    } catch (IOException e) {
      serverSocket.close();
      throw e;
    }
    socket = serverSocket;
    return new ServerSocketConnection(serverSocket);
  }
}
