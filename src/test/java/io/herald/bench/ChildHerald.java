package io.herald.bench;

import io.herald.testing.Api;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Herald daemon in its own process, as an operator runs it, for benchmarks that measure the daemon alone. */
final class ChildHerald implements AutoCloseable {
  private static final Path JAR = Path.of("target/herald.jar");
  private static final Path ARCHIVE = Path.of("target/herald.jsa");
  private final Process process;
  final int httpPort;

  ChildHerald(JsonObject config, int httpPort, String name, String heap) throws IOException {
    this.httpPort = httpPort;
    Path file = Files.createTempFile("herald-bench", ".json");
    Files.writeString(file, config.encodePrettily());
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin));
    command.addAll(java.util.List.of(heap.trim().split("\\s+"))); // the heap, and any other JVM options
    String jfr = System.getenv("HERALD_BENCH_JFR"); // a file name: record the daemon with Flight Recorder
    if (jfr != null && !jfr.isBlank()) {
      command.add("-XX:StartFlightRecording=dumponexit=true,filename=" + jfr + ",settings=" + System.getenv().getOrDefault("HERALD_BENCH_JFC", "profile"));
    }
    // neither JFR nor a profiler agent runs while the archive is being dumped
    if ((jfr == null || jfr.isBlank()) && !heap.contains("-agentpath")) {
      command.add(classDataSharing());
    }
    command.addAll(java.util.List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", JAR.toString(), "--config",
        file.toString()));
    this.process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File("target/bench-" + name + ".log"))
        .start();
  }

  /**
   * The jar as scripts/run starts it, with its class-data-sharing archive: the first daemon after a
   * build records it when it stops, the ones after it map it.
   */
  private static String classDataSharing() throws IOException {
    if (Files.exists(ARCHIVE) && Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) > 0) {
      return "-XX:SharedArchiveFile=" + ARCHIVE;
    }
    Files.deleteIfExists(ARCHIVE);
    return "-XX:ArchiveClassesAtExit=" + ARCHIVE;
  }

  long pid() {
    return process.pid();
  }

  void awaitUp() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (new Api(httpPort, null, null).get("/health").status() == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Api.sleep(20);
    }
    throw new IllegalStateException("Herald did not come up on port " + httpPort);
  }

  /** Peak resident memory of the daemon so far, in MB (VmHWM). */
  long peakRssMb() {
    return ResidentMemory.peakMb(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
