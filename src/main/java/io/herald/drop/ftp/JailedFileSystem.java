package io.herald.drop.ftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * Each FTP user sees its home as "/" and nothing above it: paths are resolved against the home with
 * "..", "." and "~" never leaving it, and every access checks the real path (symlinks followed), so a
 * link inside the home cannot lead out of it either.
 */
final class JailedFileSystem implements FileSystemFactory {
  private final long maxFileBytes;

  JailedFileSystem(long maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public FileSystemView createFileSystemView(User user) throws FtpException {
    try {
      return new View(Path.of(user.getHomeDirectory()).toRealPath(), maxFileBytes);
    } catch (IOException e) {
      throw new FtpException("home directory of " + user.getName() + " is not there", e);
    }
  }

  /** One session's view: its home and its working directory. */
  static final class View implements FileSystemView {
    private final Path home;
    private final long maxFileBytes;
    private final Set<String> oversized = ConcurrentHashMap.newKeySet();
    private String cwd = "/";

    View(Path home, long maxFileBytes) {
      this.home = home;
      this.maxFileBytes = maxFileBytes;
    }

    Path home() {
      return home;
    }

    long maxFileBytes() {
      return maxFileBytes;
    }

    /** Remembers an upload cut off at the size limit, for the ftplet to report. */
    void markOversized(String virtualPath) {
      oversized.add(virtualPath);
    }

    boolean takeOversized(String virtualPath) {
      return oversized.remove(virtualPath);
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

    /** True when the real location of path (or, for a new file, of its directory) is inside the home. */
    boolean inside(Path physical) {
      try {
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
