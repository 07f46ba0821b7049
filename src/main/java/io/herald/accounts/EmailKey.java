package io.herald.accounts;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one form an e-mail address is looked up, kept unique and throttled by: NFKC, then lower case
 * in the root locale. Stored in {@code users.email_key} so that SQL compares keys and never
 * lower-cases anything itself (whose rules differ from Java's for letters like U+0130).
 */
public final class EmailKey {
  private EmailKey() {}

  public static String of(String email) {
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
