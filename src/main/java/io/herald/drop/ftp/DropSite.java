package io.herald.drop.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the FTP site asks of Drop &amp; Go. Every method may block: FtpServer calls them on its own
 * threads, never on an event loop.
 */
public interface DropSite {
  /**
   * The user for these credentials when they are right and the profile may drop files; empty
   * otherwise. A failure counts against the name and the address in the log-in throttle.
   */
  Optional<SiteUser> login(String username, String password, InetAddress from);

  /**
   * Why an attempt is refused before its password is looked at (too many failures for the name from
   * this address, or from the address at all: username null asks about the address alone); empty
   * when it may go ahead.
   */
  Optional<String> refusal(String username, InetAddress from);

  /** Why a logged-in session must end now (profile disabled or deleted, password changed); empty while it may go on. */
  Optional<String> ended(SiteUser user);

  /** A finished upload at the top of the profile's home, to be processed. */
  void received(long profileId, Path upload, String name) throws IOException;

  /** An upload that was refused while it came in (too large, over the quota) and not kept: recorded with its reason. */
  void refused(long profileId, String name, String reason) throws IOException;

  /** A logged-in drop profile: its id, login name, home directory, and the password hash it logged in with. */
  record SiteUser(long profileId, String username, Path home, String credential) {}
}
