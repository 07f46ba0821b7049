package io.herald.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;

/** A real FTP client (Apache Commons Net) on 127.0.0.1, as a customer's file explorer uses the drop site. */
public final class FtpSession implements AutoCloseable {
  private final FTPClient ftp;

  private FtpSession(FTPClient ftp) {
    this.ftp = ftp;
  }

  public static FtpSession connect(int port) {
    return connect(new FTPClient(), port);
  }

  /** Connects with a client made by the caller (an FTPSClient for explicit TLS, say). */
  public static FtpSession connect(FTPClient client, int port) {
    try {
      client.setConnectTimeout(5_000);
      client.setDefaultTimeout(30_000);
      client.connect("127.0.0.1", port);
      client.setSoTimeout(30_000);
      return new FtpSession(client);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's first reply to a new connection (220 welcome, or 421 when it turns the caller away). */
  /** Tests share 127.0.0.1: waits out a block another test (or a wrong guess) may have caused. */
  public static void awaitUnblocked(int port) {
    Await.until("the address to be unblocked (a 220 greeting)", () -> greeting(port).startsWith("220"));
  }

  public static String greeting(int port) {
    FTPClient client = new FTPClient();
    try {
      client.setConnectTimeout(5_000);
      client.connect("127.0.0.1", port);
      return client.getReplyString().strip();
    } catch (org.apache.commons.net.ftp.FTPConnectionClosedException e) {
      return client.getReplyString().strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        client.disconnect();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  public FTPClient client() {
    return ftp;
  }

  /** True when logged in; then passive, binary transfers. */
  public boolean login(String user, String password) {
    try {
      boolean ok = ftp.login(user, password);
      if (ok) {
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
      }
      return ok;
    } catch (org.apache.commons.net.ftp.FTPConnectionClosedException e) {
      return false; // a 421: the server closed the connection, saying why in reply()
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int replyCode() {
    return ftp.getReplyCode();
  }

  public String reply() {
    return ftp.getReplyString().strip();
  }

  /** Uploads; true when the server answered the transfer with success. */
  public boolean put(String name, byte[] content) {
    try {
      return ftp.storeFile(name, new ByteArrayInputStream(content));
    } catch (org.apache.commons.net.ftp.FTPConnectionClosedException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean put(String name, String content) {
    return put(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public boolean rename(String from, String to) {
    try {
      return ftp.rename(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean cd(String dir) {
    try {
      return ftp.changeWorkingDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String pwd() {
    try {
      return ftp.printWorkingDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names in a directory, sorted. */
  public List<String> list(String dir) {
    try {
      FTPFile[] files = ftp.listFiles(dir);
      return Arrays.stream(files).map(FTPFile::getName).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's bytes, or null when it cannot be read. */
  public byte[] get(String path) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      return ftp.retrieveFile(path, out) ? out.toByteArray() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text file read as UTF-8 without its byte-order mark, or null. */
  public String text(String path) {
    byte[] bytes = get(path);
    if (bytes == null) {
      return null;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Waits until the file shows up in its directory, then reads it as text. */
  public String await(String path) {
    String dir = path.substring(0, path.lastIndexOf('/') + 1);
    String name = path.substring(path.lastIndexOf('/') + 1);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (list(dir.isEmpty() ? "/" : dir).contains(name)) {
        return text(path);
      }
      Api.sleep(50);
    }
    throw new AssertionError("no " + path + " after 60 s; " + dir + " holds " + list(dir));
  }

  /** Sends a raw command; answers the reply code. */
  public int command(String command, String argument) {
    try {
      return ftp.sendCommand(command, argument);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean noop() {
    try {
      return ftp.sendNoOp();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      if (ftp.isConnected()) {
        try {
          ftp.logout();
        } catch (IOException e) {
          // already gone
        }
        ftp.disconnect();
      }
    } catch (IOException e) {
      // closing anyway
    }
  }
}
