package io.herald.drop.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** FTP paths are resolved inside the home: "..", "." and "~" never lead above "/". */
class JailedPathsTest {
  @Test
  void pathsNeverLeaveTheHome() {
    assertEquals("/", JailedFileSystem.View.resolve("/", ".."));
    assertEquals("/", JailedFileSystem.View.resolve("/processed", "../../.."));
    assertEquals("/etc/passwd", JailedFileSystem.View.resolve("/", "../../../etc/passwd"));
    assertEquals("/processed/a.csv", JailedFileSystem.View.resolve("/processed", "a.csv"));
    assertEquals("/a.csv", JailedFileSystem.View.resolve("/processed", "/a.csv"));
    assertEquals("/error", JailedFileSystem.View.resolve("/processed", "~/./error/"));
    assertEquals("/a.csv", JailedFileSystem.View.resolve("/", "..\\..\\a.csv"));
  }
}
