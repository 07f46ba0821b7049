package io.herald.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The SMSC simulator in a process of its own ({@code herald.jar simulator}), so the daemon's CPU is its own. */
final class ChildSimulator implements AutoCloseable {
  private final Process process;
  final int port;

  ChildSimulator(int port, long receiptDelayMillis) throws IOException, InterruptedException {
    this.port = port;
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target/bench-simulator.log");
    process = new ProcessBuilder(List.of(javaBin, "-Xmx512m", "-jar", "target/herald.jar", "simulator", "--port",
        Integer.toString(port), "--receipt-delay-ms", Long.toString(receiptDelayMillis)))
        .redirectErrorStream(true).redirectOutput(new File(log.toString())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(log).contains("SMSC simulator listening")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the simulator did not start: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
