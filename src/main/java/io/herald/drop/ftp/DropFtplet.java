package io.herald.drop.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches FTP sessions: turns away blocked addresses, logs out a profile that was disabled while
 * connected (at its next command), and hands each upload that finished at the top of a home to
 * processing. Uploads still being written (a failed STOR, a client's .part file) are left alone.
 */
final class DropFtplet extends DefaultFtplet {
  private static final Logger log = LoggerFactory.getLogger(DropFtplet.class);
  private static final Set<String> UPLOADS = Set.of("STOR", "APPE", "STOU");
  /** Names clients give a file while it is still arriving, renaming it when done. */
  private static final Set<String> IN_PROGRESS = Set.of(".part", ".filepart", ".tmp", ".partial", ".crdownload");

  private final DropSite site;
  private final LoginThrottle throttle;

  DropFtplet(DropSite site, LoginThrottle throttle) {
    this.site = site;
    this.throttle = throttle;
  }

  @Override
  public FtpletResult onConnect(FtpSession session) throws FtpException, IOException {
    InetAddress address = session.getClientAddress().getAddress();
    long blocked = throttle.blockedFor(address);
    if (blocked > 0) {
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          "Too many failed logins from your address: try again in " + minutes(blocked) + "."));
      return FtpletResult.DISCONNECT;
    }
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
    if (session.getUser() instanceof DropUser user && !site.allowed(user.profileId())) {
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          "This drop profile has been disabled: you are logged out."));
      return FtpletResult.DISCONNECT;
    }
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) throws FtpException, IOException {
    if (!(session.getUser() instanceof DropUser user) || !(session.getFileSystemView() instanceof JailedFileSystem.View view)) {
      return FtpletResult.DEFAULT;
    }
    String command = request.getCommand().toUpperCase(Locale.ROOT);
    if (UPLOADS.contains(command)) {
      JailedFile file = uploaded(view, request, reply);
      if (file == null) {
        return FtpletResult.DEFAULT;
      }
      boolean oversized = view.takeOversized(file.getAbsolutePath());
      if (oversized) {
        hand(user, file, "the file is larger than the limit of " + view.maxFileBytes() + " bytes (drop.maxFileBytes),"
            + " so it was not processed: split it into smaller files");
      } else if (reply.getCode() == FtpReply.REPLY_226_CLOSING_DATA_CONNECTION
          || reply.getCode() == FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY) {
        if (!inProgress(file.getName())) {
          hand(user, file, null);
        }
      }
    } else if (command.equals("RNTO") && reply.getCode() == FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY
        && request.getArgument() != null) {
      JailedFile file = (JailedFile) view.getFile(request.getArgument());
      if (!inProgress(file.getName())) {
        hand(user, file, null);
      }
    }
    return FtpletResult.DEFAULT;
  }

  /** The file a STOR, APPE or STOU wrote; STOU's generated name starts its reply ("name: Transfer complete."). */
  private static JailedFile uploaded(JailedFileSystem.View view, FtpRequest request, FtpReply reply) {
    String name = request.getArgument();
    if (request.getCommand().equalsIgnoreCase("STOU")) {
      String message = reply.getMessage() == null ? "" : reply.getMessage();
      int colon = message.indexOf(": ");
      name = colon < 0 ? null : message.substring(0, colon).strip();
    }
    return name == null ? null : (JailedFile) view.getFile(name);
  }

  /** Only files at the top of the home are processed; what the customer puts in a folder stays there. */
  private void hand(DropUser user, JailedFile file, String problem) {
    if (!file.parentPath().equals("/") || !file.isFile()) {
      return;
    }
    try {
      site.received(user.profileId(), (Path) file.getPhysicalFile(), file.getName(), problem);
    } catch (IOException | RuntimeException e) {
      log.warn("upload {} of drop profile {} could not be handed to processing: {}", file.getName(), user.profileId(),
          e.toString());
    }
  }

  private static boolean inProgress(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return IN_PROGRESS.stream().anyMatch(lower::endsWith);
  }

  private static String minutes(long millis) {
    long minutes = (millis + 59_999) / 60_000;
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
