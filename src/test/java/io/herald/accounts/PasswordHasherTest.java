package io.herald.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = PasswordHasher.hash("s3cret é");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(PasswordHasher.verify("s3cret é", hash));
    assertFalse(PasswordHasher.verify("s3cret e", hash));
    assertFalse(PasswordHasher.verify("s3cret é", "plain text"));
  }

  @Test
  void saltsEveryHash() {
    assertNotEquals(PasswordHasher.hash("same"), PasswordHasher.hash("same"));
  }
}
