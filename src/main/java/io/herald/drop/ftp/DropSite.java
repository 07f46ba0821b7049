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
  /** The user for these credentials when they are right and the profile may drop files; empty otherwise. */
  Optional<SiteUser> login(String username, String password, InetAddress from);

  /** Whether the profile is still enabled (and its account still has Drop &amp; Go). */
  boolean allowed(long profileId);

  /** A finished upload at the top of the profile's home, to be processed. problem is set when it is known bad. */
  void received(long profileId, Path upload, String name, String problem) throws IOException;

  /** A logged-in drop profile: its id, login name and home directory. */
  record SiteUser(long profileId, String username, Path home) {}
}
