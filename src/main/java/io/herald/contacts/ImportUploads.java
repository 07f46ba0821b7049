package io.herald.contacts;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where imports' uploads wait until they run, and their removal (uploads never run go after a day). */
final class ImportUploads {
  private static final Logger log = LoggerFactory.getLogger(ImportUploads.class);
  private static final Duration ABANDONED = Duration.ofDays(1);

  private final Vertx vertx;
  private final Path directory;

  ImportUploads(Vertx vertx, Path directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  /** A new file for an upload; creates the directory. Blocking. */
  Path newFile() throws IOException {
    Files.createDirectories(directory);
    return directory.resolve("upload-" + UUID.randomUUID());
  }

  /** Blocking. */
  void sweepAbandoned() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    Instant before = Instant.now().minus(ABANDONED);
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(f -> {
        try {
          return Files.getLastModifiedTime(f).toInstant().isBefore(before);
        } catch (IOException e) {
          return false;
        }
      }).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          log.warn("cannot remove old upload {}: {}", f, e.getMessage());
        }
      });
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot look for old uploads in {}: {}", directory, e.getMessage());
    }
  }

  /** Removes the file on a worker; a failure is only logged. */
  void deleteQuietly(Path file) {
    vertx.executeBlocking(() -> Files.deleteIfExists(file), false)
        .onFailure(e -> log.warn("cannot remove upload {}: {}", file, e.getMessage()));
  }
}
