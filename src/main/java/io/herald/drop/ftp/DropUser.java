package io.herald.drop.ftp;

import java.util.List;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.User;

/** A drop profile logged in on the FTP site: may write in its home, nowhere else. */
final class DropUser implements User {
  private final DropSite.SiteUser site;
  private final int idleSeconds;

  DropUser(DropSite.SiteUser site, int idleSeconds) {
    this.site = site;
    this.idleSeconds = idleSeconds;
  }

  long profileId() {
    return site.profileId();
  }

  DropSite.SiteUser site() {
    return site;
  }

  @Override
  public String getName() {
    return site.username();
  }

  @Override
  public String getPassword() {
    return null;
  }

  @Override
  public List<? extends Authority> getAuthorities() {
    return List.of();
  }

  @Override
  public List<? extends Authority> getAuthorities(Class<? extends Authority> clazz) {
    return List.of();
  }

  /** Writing, concurrent logins and unthrottled transfers are all allowed; the jail is the file system's. */
  @Override
  public AuthorizationRequest authorize(AuthorizationRequest request) {
    return request;
  }

  @Override
  public int getMaxIdleTime() {
    return idleSeconds;
  }

  @Override
  public boolean getEnabled() {
    return true;
  }

  @Override
  public String getHomeDirectory() {
    return site.home().toString();
  }
}
