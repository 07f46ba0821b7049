package io.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Kannel's bearerbox and smsbox (Debian's package) as child processes on one kannel.conf. */
final class KannelGateway implements AutoCloseable {
  static final Path BEARERBOX = Path.of("/usr/sbin/bearerbox");
  static final Path SMSBOX = Path.of("/usr/sbin/smsbox");

  private final KannelConf conf;
  private final Process bearerbox;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI status;
  private Process smsbox;

  KannelGateway(KannelConf conf) throws IOException {
    if (!Files.isExecutable(BEARERBOX) || !Files.isExecutable(SMSBOX)) {
      throw new IllegalStateException(BEARERBOX + " and " + SMSBOX + " are needed: apt-get install kannel");
    }
    this.conf = conf;
    this.status = URI.create("http://127.0.0.1:" + conf.adminPort() + "/status.txt?password=" + KannelConf.ADMIN_PASSWORD);
    Path config = conf.write();
    // a fresh store and logs: nothing left from an earlier run
    for (String file : List.of("store", "store.new", "store.bak", "bearerbox.log", "smsbox.log")) {
      Files.deleteIfExists(conf.dir().resolve(file));
    }
    bearerbox = start(BEARERBOX, config, "bearerbox");
  }

  /** Starts smsbox once bearerbox's admin port answers, and waits until it is connected. */
  void awaitSmsbox() throws IOException, InterruptedException {
    await(status -> {
      if (smsbox == null) {
        smsbox = start(SMSBOX, conf.file(), "smsbox");
      }
      // status.txt lists connected boxes under "Box connections:" as "smsbox:(none), IP ..."
      return status.lines().anyMatch(l -> l.strip().startsWith("smsbox:"));
    }, "smsbox did not connect to bearerbox");
  }

  /** Waits until the SMPP link is bound and returns when that was first seen (System.nanoTime). */
  long awaitSmscOnline() throws IOException, InterruptedException {
    await(status -> status.lines().anyMatch(l -> l.contains(KannelConf.SMSC_ID + "[") && l.contains("(online")),
        "Kannel's SMSC link did not come online");
    return System.nanoTime();
  }

  private interface StatusCheck {
    boolean ready(String status) throws IOException;
  }

  /** Polls status.txt every 10 ms: the queued run's clock starts when the link is seen online. */
  private void await(StatusCheck check, String failure) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!bearerbox.isAlive() || (smsbox != null && !smsbox.isAlive())) {
        throw new IllegalStateException("Kannel stopped; see " + conf.dir() + "/*.log");
      }
      try {
        last = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (check.ready(last)) {
          return;
        }
      } catch (IOException notYet) {
        // the admin port is not listening yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException(failure + ":\n" + last);
  }

  private Process start(Path binary, Path config, String box) throws IOException {
    // -v 4: panics only on the console; the box's log file has log-level of the conf
    return new ProcessBuilder(List.of(binary.toString(), "-v", "4", config.toAbsolutePath().toString()))
        .redirectErrorStream(true).redirectOutput(conf.dir().resolve(box + ".console.log").toFile()).start();
  }

  long bearerboxPid() {
    return bearerbox.pid();
  }

  long smsboxPid() {
    return smsbox.pid();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : smsbox == null ? List.of(bearerbox) : List.of(smsbox, bearerbox)) {
      p.destroy(); // SIGTERM: Kannel's orderly shutdown
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
