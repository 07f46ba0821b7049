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
  private final LoginThrottle throttle;
  private final int idleSeconds;

  DropUserManager(DropSite site, LoginThrottle throttle, int idleSeconds) {
    this.site = site;
    this.throttle = throttle;
    this.idleSeconds = idleSeconds;
  }

  @Override
  public User authenticate(Authentication authentication) throws AuthenticationFailedException {
    if (!(authentication instanceof UsernamePasswordAuthentication login) || login.getUsername() == null
        || login.getPassword() == null) {
      throw new AuthenticationFailedException("only drop profiles may log in");
    }
    InetAddress from = login.getUserMetadata() == null ? null : login.getUserMetadata().getInetAddress();
    if (from != null && throttle.blockedFor(from) > 0) {
      throw new AuthenticationFailedException("address blocked after failed logins");
    }
    var user = site.login(login.getUsername(), login.getPassword(), from);
    if (user.isEmpty()) {
      if (from != null) {
        throttle.failed(from);
      }
      throw new AuthenticationFailedException("wrong user name or password");
    }
    if (from != null) {
      throttle.succeeded(from);
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

  @Override
  public void delete(String username) {
    throw new UnsupportedOperationException("drop profiles are managed through the API");
  }

  @Override
  public void save(User user) {
    throw new UnsupportedOperationException("drop profiles are managed through the API");
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
