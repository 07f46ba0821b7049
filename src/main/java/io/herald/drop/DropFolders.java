package io.herald.drop;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;

/**
 * The directories of Drop &amp; Go under {@code drop.directory}: one home per profile
 * ({@code <id>/} with {@code processed/} and {@code error/}), and {@code .staging/}, outside every
 * home, where a received file waits while it is processed. Blocking: call from worker threads.
 */
public final class DropFolders {
  public static final String PROCESSED = "processed";
  public static final String ERROR = "error";
  private static final String RESULT_SUFFIX = ".result.csv";

  private final Path root;

  public DropFolders(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path home(long profileId) {
    return root.resolve(Long.toString(profileId));
  }

  /** The home with its two folders, made when missing. */
  public Path ensureHome(long profileId) throws IOException {
    Path home = home(profileId);
    Files.createDirectories(home.resolve(PROCESSED));
    Files.createDirectories(home.resolve(ERROR));
    return home;
  }

  Path staging() throws IOException {
    return Files.createDirectories(root.resolve(".staging"));
  }

  /** A new, empty place in staging for a file being received over HTTP. */
  public Path newStaged() throws IOException {
    return staging().resolve(UUID.randomUUID().toString());
  }

  /** Takes a finished upload out of the customer's reach before it is read. */
  public Path stage(Path upload) throws IOException {
    Path staged = newStaged();
    move(upload, staged);
    return staged;
  }

  static Path resultOf(Path staged) {
    return staged.resolveSibling(staged.getFileName() + RESULT_SUFFIX);
  }

  /**
   * Puts the file and its result beside each other in processed/ or error/ of the profile's home,
   * under the file's own name, or "name (2).csv" and so on when that is taken. Returns the path of
   * the result file, relative to the home.
   */
  String deliver(long profileId, Path staged, Path result, String name, boolean processed) throws IOException {
    Path folder = ensureHome(profileId).resolve(processed ? PROCESSED : ERROR);
    String safe = safeName(name);
    String base = safe.toLowerCase(Locale.ROOT).endsWith(".csv") ? safe.substring(0, safe.length() - 4) : safe;
    String extension = safe.substring(base.length());
    for (int n = 1; ; n++) {
      String stem = n == 1 ? base : base + " (" + n + ")";
      Path target = folder.resolve(stem + extension);
      Path resultTarget = folder.resolve(stem + RESULT_SUFFIX);
      if (Files.exists(target) || Files.exists(resultTarget)) {
        continue;
      }
      // the result first: a customer who sees the file can open its result
      if (result != null && Files.exists(result)) {
        move(result, resultTarget);
      }
      if (staged != null && Files.exists(staged)) {
        move(staged, target);
      }
      return (processed ? PROCESSED : ERROR) + "/" + resultTarget.getFileName();
    }
  }

  /** A file name without any directory part or control characters. */
  static String safeName(String name) {
    String last = name.replace('\\', '/');
    last = last.substring(last.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "_").strip();
    if (last.isEmpty() || last.equals(".") || last.equals("..")) {
      return "upload.csv";
    }
    return last.length() > 200 ? last.substring(last.length() - 200) : last;
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteQuietly(Path path) {
    try {
      if (path != null) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // nothing to report: a stray file in staging harms nobody
    }
  }
}
