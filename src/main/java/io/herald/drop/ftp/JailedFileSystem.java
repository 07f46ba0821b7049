package io.herald.drop.ftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * Each FTP user sees its home as "/" and nothing above it: paths are resolved against the home with
 * "..", "." and "~" never leaving it, and every access checks the real path (symlinks followed), so a
 * link inside the home cannot lead out of it either; nothing is ever created through a link. What a
 * home holds is capped by a quota, and one upload by a size limit.
 */
final class JailedFileSystem implements FileSystemFactory {
  private final long maxFileBytes;
  private final long quotaBytes;

  JailedFileSystem(long maxFileBytes, long quotaBytes) {
    this.maxFileBytes = maxFileBytes;
    this.quotaBytes = quotaBytes;
  }

  @Override
  public FileSystemView createFileSystemView(User user) throws FtpException {
    try {
      return new View(Path.of(user.getHomeDirectory()).toRealPath(), maxFileBytes, quotaBytes);
    } catch (IOException e) {
      throw new FtpException("home directory of " + user.getName() + " is not there", e);
    }
  }

  /** One session's view: its home and its working directory. */
  static final class View implements FileSystemView {
    private final Path home;
    private final long maxFileBytes;
    private final long quotaBytes;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private String cwd = "/";

    View(Path home, long maxFileBytes, long quotaBytes) {
      this.home = home;
      this.maxFileBytes = maxFileBytes;
      this.quotaBytes = quotaBytes;
    }

    Path home() {
      return home;
    }

    /**
     * The most bytes a file being written may reach: the size limit, or what the quota leaves once
     * everything else in the home is counted, with the reason given when it is reached.
     */
    Limit limitFor(Path writing) throws IOException {
      long others = usedBytes(writing);
      long room = Math.max(0, quotaBytes - others);
      if (room < maxFileBytes) {
        return new Limit(room, "the drop profile's storage of " + quotaBytes + " bytes (drop.quotaBytes) is full, so the"
            + " upload was stopped and not kept: delete files in processed/ and error/ to make room");
      }
      return new Limit(maxFileBytes, "the file is larger than the limit of " + maxFileBytes + " bytes"
          + " (drop.maxFileBytes), so the upload was stopped and not kept: split it into smaller files");
    }

    record Limit(long bytes, String reason) {}

    /** Bytes of every regular file in the home but one; links are not followed. */
    private long usedBytes(Path except) throws IOException {
      try (Stream<Path> files = Files.walk(home)) {
        return files.filter(p -> !p.equals(except))
            .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .mapToLong(p -> {
              try {
                return Files.size(p);
              } catch (IOException e) {
                return 0; // gone while counting
              }
            }).sum();
      }
    }

    /** Remembers why an upload was cut off, for the ftplet to report. */
    void refuse(String virtualPath, String reason) {
      refusals.put(virtualPath, reason);
    }

    String takeRefusal(String virtualPath) {
      return refusals.remove(virtualPath);
    }

    @Override
    public FtpFile getHomeDirectory() {
      return new JailedFile("/", home, this);
    }

    @Override
    public FtpFile getWorkingDirectory() {
      return file(cwd);
    }

    @Override
    public boolean changeWorkingDirectory(String dir) {
      JailedFile target = (JailedFile) getFile(dir);
      if (!target.isDirectory()) {
        return false;
      }
      cwd = target.getAbsolutePath();
      return true;
    }

    @Override
    public FtpFile getFile(String name) {
      return file(resolve(cwd, name));
    }

    @Override
    public boolean isRandomAccessible() {
      return true;
    }

    @Override
    public void dispose() {
    }

    JailedFile file(String virtualPath) {
      Path physical = home;
      for (String part : virtualPath.split("/")) {
        if (!part.isEmpty()) {
          physical = physical.resolve(part);
        }
      }
      return new JailedFile(virtualPath, physical, this);
    }

    /**
     * True when the real location of path (or, for a new file, of its directory) is inside the home.
     * A link that leads nowhere counts as outside: writing through it would create its target.
     */
    boolean inside(Path physical) {
      try {
        if (!Files.exists(physical) && Files.isSymbolicLink(physical)) {
          return false;
        }
        Path real = Files.exists(physical) ? physical.toRealPath() : physical.getParent().toRealPath().resolve(physical.getFileName());
        return real.startsWith(home);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    /** The absolute virtual path of name seen from cwd: "." dropped, ".." never above "/", "~" is home. */
    static String resolve(String cwd, String name) {
      String given = name == null ? "" : name.replace('\\', '/');
      StringBuilder path = new StringBuilder();
      java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
      if (!given.startsWith("/")) {
        for (String p : cwd.split("/")) {
          if (!p.isEmpty()) {
            parts.addLast(p);
          }
        }
      }
      for (String p : given.split("/")) {
        if (p.isEmpty() || p.equals(".")) {
          continue;
        }
        if (p.equals("..")) {
          parts.pollLast();
        } else if (p.equals("~")) {
          parts.clear();
        } else {
          parts.addLast(p.replaceAll("\\p{Cntrl}", "_"));
        }
      }
      for (String p : parts) {
        path.append('/').append(p);
      }
      return path.length() == 0 ? "/" : path.toString();
    }
  }
}
