package io.herald.drop.ftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.ftpserver.ftplet.FtpFile;

/** A file or directory inside one user's home; anything whose real location is outside does not exist. */
final class JailedFile implements FtpFile {
  private final String virtualPath;
  private final Path physical;
  private final JailedFileSystem.View view;

  JailedFile(String virtualPath, Path physical, JailedFileSystem.View view) {
    this.virtualPath = virtualPath;
    this.physical = physical;
    this.view = view;
  }

  /** "/" for a file at the top of the home, where files are processed. */
  String parentPath() {
    int slash = virtualPath.lastIndexOf('/');
    return slash <= 0 ? "/" : virtualPath.substring(0, slash);
  }

  boolean isRoot() {
    return virtualPath.equals("/");
  }

  /** processed/ and error/ stay where they are: the customer reads results there. */
  private boolean isFixedFolder() {
    return virtualPath.equals("/processed") || virtualPath.equals("/error");
  }

  private boolean inside() {
    return isRoot() || view.inside(physical);
  }

  @Override
  public String getAbsolutePath() {
    return virtualPath;
  }

  @Override
  public String getName() {
    return isRoot() ? "/" : virtualPath.substring(virtualPath.lastIndexOf('/') + 1);
  }

  @Override
  public boolean isHidden() {
    return false;
  }

  @Override
  public boolean isDirectory() {
    return inside() && Files.isDirectory(physical);
  }

  @Override
  public boolean isFile() {
    return inside() && Files.isRegularFile(physical);
  }

  @Override
  public boolean doesExist() {
    return inside() && Files.exists(physical);
  }

  @Override
  public boolean isReadable() {
    return inside() && Files.isReadable(physical);
  }

  @Override
  public boolean isWritable() {
    if (!inside() || isRoot() || isFixedFolder()) {
      return false;
    }
    if (Files.exists(physical)) {
      return Files.isRegularFile(physical) && Files.isWritable(physical);
    }
    Path parent = physical.getParent();
    return parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
  }

  @Override
  public boolean isRemovable() {
    return inside() && !isRoot() && !isFixedFolder() && Files.exists(physical);
  }

  @Override
  public String getOwnerName() {
    return "user";
  }

  @Override
  public String getGroupName() {
    return "user";
  }

  @Override
  public int getLinkCount() {
    return isDirectory() ? 3 : 1;
  }

  @Override
  public long getLastModified() {
    try {
      return inside() ? Files.getLastModifiedTime(physical).toMillis() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public boolean setLastModified(long time) {
    try {
      if (!inside()) {
        return false;
      }
      Files.setLastModifiedTime(physical, java.nio.file.attribute.FileTime.fromMillis(time));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public long getSize() {
    try {
      return isFile() ? Files.size(physical) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public Object getPhysicalFile() {
    return physical;
  }

  @Override
  public boolean mkdir() {
    try {
      if (!inside() || isRoot()) {
        return false;
      }
      Files.createDirectory(physical);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public boolean delete() {
    try {
      return isRemovable() && Files.deleteIfExists(physical);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public boolean move(FtpFile destination) {
    if (!(destination instanceof JailedFile target) || !isRemovable() || !target.isWritable() || target.doesExist()) {
      return false;
    }
    try {
      Files.move(physical, target.physical);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public List<FtpFile> listFiles() {
    if (!isDirectory()) {
      return null;
    }
    List<FtpFile> files = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(physical)) {
      for (Path child : children) {
        JailedFile file = new JailedFile((isRoot() ? "" : virtualPath) + "/" + child.getFileName(), child, view);
        if (file.inside()) {
          files.add(file); // a link that leads out of the home is not shown
        }
      }
    } catch (IOException e) {
      return null;
    }
    files.sort(Comparator.comparing(FtpFile::getName));
    return files;
  }

  /**
   * Writes at offset, never through a link (O_NOFOLLOW). Once the file would pass the size limit or
   * the home's quota, the upload stops with an error and what was written is deleted.
   */
  @Override
  public OutputStream createOutputStream(long offset) throws IOException {
    if (!isWritable() || Files.isSymbolicLink(physical)) {
      throw new IOException("no write permission: " + getName());
    }
    JailedFileSystem.View.Limit limit = view.limitFor(physical);
    FileChannel channel = FileChannel.open(physical, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    channel.truncate(offset);
    channel.position(offset);
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      private long size = offset;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > limit.bytes()) {
          view.refuse(virtualPath, limit.reason());
          channel.close();
          Files.deleteIfExists(physical);
          throw new IOException(limit.reason());
        }
        size += len;
        out.write(b, off, len);
      }
    };
  }

  @Override
  public InputStream createInputStream(long offset) throws IOException {
    if (!isReadable() || !isFile()) {
      throw new IOException("no read permission: " + getName());
    }
    FileChannel channel = FileChannel.open(physical, StandardOpenOption.READ);
    channel.position(offset);
    return Channels.newInputStream(channel);
  }
}
