package io.herald.smsc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;

/**
 * jsmpp socket connections whose submit_sm writes pass through the connection's {@link RateCap}.
 * Capping at the moment the bytes go to the socket (jsmpp writes one PDU per write, under its own
 * lock) keeps every second at the SMSC within tps, however the submit threads are scheduled.
 */
final class PacedConnectionFactory implements ConnectionFactory {
  private static final int SUBMIT_SM = 0x00000004;
  /** When the calling thread's last submit_sm went out, for the response-time histogram. */
  static final ThreadLocal<Long> LAST_SUBMIT_NANOS = ThreadLocal.withInitial(System::nanoTime);

  private final RateCap cap;
  private final int connectTimeoutMillis;

  PacedConnectionFactory(RateCap cap, int connectTimeoutMillis) {
    this.cap = cap;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  @Override
  public Connection createConnection(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new PacedConnection(socket, new PacedOutput(socket.getOutputStream(), cap));
  }

  private record PacedConnection(Socket socket, OutputStream output) implements Connection {
    @Override
    public boolean isOpen() {
      return !socket.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
      return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
      return socket.getPort();
    }

    @Override
    public int getLocalPort() {
      return socket.getLocalPort();
    }

    @Override
    public InputStream getInputStream() {
      try {
        return socket.getInputStream();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public OutputStream getOutputStream() {
      return output; // always the same object: jsmpp synchronises its writes on it
    }

    @Override
    public void setSoTimeout(int timeout) throws IOException {
      socket.setSoTimeout(timeout);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final class PacedOutput extends OutputStream {
    private final OutputStream out;
    private final RateCap cap;

    PacedOutput(OutputStream out, RateCap cap) {
      this.out = out;
      this.cap = cap;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len >= 8 && commandId(b, off) == SUBMIT_SM) {
        try {
          cap.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while pacing submit_sm");
        }
        LAST_SUBMIT_NANOS.set(System.nanoTime());
      }
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    private static int commandId(byte[] b, int off) {
      return (b[off + 4] & 0xFF) << 24 | (b[off + 5] & 0xFF) << 16 | (b[off + 6] & 0xFF) << 8 | (b[off + 7] & 0xFF);
    }
  }
}
