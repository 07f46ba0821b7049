package io.herald.drop.ftp;

import java.net.InetAddress;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;

/**
 * FTP users are drop profiles, read from PostgreSQL at each login, so a profile added, changed or
 * disabled takes effect without a restart. No anonymous login; no user list is given out.
 */
final class DropUserManager implements UserManager {
  private final DropSite site;
  private final int idleSeconds;

  DropUserManager(DropSite site, int idleSeconds) {
    this.site = site;
    this.idleSeconds = idleSeconds;
  }

  @Override
  public User authenticate(Authentication authentication) throws AuthenticationFailedException {
    if (!(authentication instanceof UsernamePasswordAuthentication login) || login.getUsername() == null
        || login.getPassword() == null) {
      throw new AuthenticationFailedException("only drop profiles may log in");
    }
    InetAddress from = login.getUserMetadata() == null ? null : login.getUserMetadata().getInetAddress();
    var user = site.login(login.getUsername(), login.getPassword(), from);
    if (user.isEmpty()) {
      throw new AuthenticationFailedException("wrong user name or password");
    }
    return new DropUser(user.get(), idleSeconds);
  }

  /** Asked before the password (for per-user login limits, which drop profiles do not have). */
  @Override
  public User getUserByName(String username) {
    return null;
  }

  @Override
  public String[] getAllUserNames() {
    return new String[0];
  }

  /** Drop profiles are managed through the API; FtpServer's own user administration is refused. */
  @Override
  public void delete(String username) throws org.apache.ftpserver.ftplet.FtpException {
    throw new org.apache.ftpserver.ftplet.FtpException("drop profiles are managed through the API");
  }

  @Override
  public void save(User user) throws org.apache.ftpserver.ftplet.FtpException {
    throw new org.apache.ftpserver.ftplet.FtpException("drop profiles are managed through the API");
  }

  @Override
  public boolean doesExist(String username) {
    return false;
  }

  @Override
  public String getAdminName() {
    return null;
  }

  @Override
  public boolean isAdmin(String username) {
    return false;
  }
}
