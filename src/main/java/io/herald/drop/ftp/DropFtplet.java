package io.herald.drop.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
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
 * Watches FTP sessions: holds connections within their limits, turns away what the log-in throttle
 * refuses before a password is looked at, logs out a session whose profile was disabled or given a
 * new password (at its next command), and hands each upload that finished at the top of a home to
 * processing. Uploads still being written (a failed STOR, a client's .part file) are left alone.
 */
final class DropFtplet extends DefaultFtplet {
  private static final Logger log = LoggerFactory.getLogger(DropFtplet.class);
  private static final Set<String> UPLOADS = Set.of("STOR", "APPE", "STOU");
  /** Names clients give a file while it is still arriving, renaming it when done. */
  private static final Set<String> IN_PROGRESS = Set.of(".part", ".filepart", ".tmp", ".partial", ".crdownload");
  private static final String COUNTED = "herald.counted";

  private final DropSite site;
  private final ConnectionLimits connections;

  DropFtplet(DropSite site, ConnectionLimits connections) {
    this.site = site;
    this.connections = connections;
  }

  @Override
  public FtpletResult onConnect(FtpSession session) throws FtpException, IOException {
    InetAddress address = session.getClientAddress().getAddress();
    String full = connections.open(address);
    if (full != null) {
      return close(session, full);
    }
    session.setAttribute(COUNTED, Boolean.TRUE);
    Optional<String> refused = site.refusal(null, address);
    return refused.isPresent() ? close(session, refused.get()) : FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult onDisconnect(FtpSession session) {
    if (session.getAttribute(COUNTED) != null) {
      session.removeAttribute(COUNTED);
      connections.close(session.getClientAddress().getAddress());
    }
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
    if (session.getUser() instanceof DropUser user) {
      Optional<String> ended = site.ended(user.site());
      return ended.isPresent() ? close(session, ended.get()) : FtpletResult.DEFAULT;
    }
    if (request.getCommand().equalsIgnoreCase("PASS") && session.getUserArgument() != null) {
      Optional<String> refused = site.refusal(session.getUserArgument(), session.getClientAddress().getAddress());
      if (refused.isPresent()) {
        return close(session, refused.get());
      }
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
      String refusal = view.takeRefusal(file.getAbsolutePath());
      if (refusal != null) {
        refuse(user, file, refusal);
      } else if (reply.getCode() == FtpReply.REPLY_226_CLOSING_DATA_CONNECTION
          || reply.getCode() == FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY) {
        if (!inProgress(file.getName())) {
          hand(user, file);
        }
      }
    } else if (command.equals("RNTO") && reply.getCode() == FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY
        && request.getArgument() != null) {
      JailedFile file = (JailedFile) view.getFile(request.getArgument());
      if (!inProgress(file.getName())) {
        hand(user, file);
      }
    }
    return FtpletResult.DEFAULT;
  }

  private static FtpletResult close(FtpSession session, String why) throws FtpException {
    session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION, why));
    return FtpletResult.DISCONNECT;
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
  private void hand(DropUser user, JailedFile file) {
    if (!file.parentPath().equals("/") || !file.isFile()) {
      return;
    }
    try {
      site.received(user.profileId(), (Path) file.getPhysicalFile(), file.getName());
    } catch (IOException | RuntimeException e) {
      log.warn("upload {} of drop profile {} could not be handed to processing: {}", file.getName(), user.profileId(),
          e.toString());
    }
  }

  /** An upload cut off while it came in: it is already gone; its result in error/ says why. */
  private void refuse(DropUser user, JailedFile file, String reason) {
    if (!file.parentPath().equals("/")) {
      return;
    }
    try {
      site.refused(user.profileId(), file.getName(), reason);
    } catch (IOException | RuntimeException e) {
      log.warn("refused upload {} of drop profile {} could not be recorded: {}", file.getName(), user.profileId(),
          e.toString());
    }
  }

  private static boolean inProgress(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return IN_PROGRESS.stream().anyMatch(lower::endsWith);
  }
}
