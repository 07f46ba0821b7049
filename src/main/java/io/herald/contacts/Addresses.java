package io.herald.contacts;

import io.herald.ingest.PhoneNumbers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers and e-mail addresses as suppressions and contacts keep them. */
public final class Addresses {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
  private static final int MAX_EMAIL = 254;

  private Addresses() {}

  /** A normalised address: a phone in E.164 with '+', or an e-mail in lower case. */
  public record Address(AddressKind kind, String value) {}

  public enum AddressKind {
    PHONE, EMAIL;

    public String dbName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The E.164 form of a phone number read in the account's region. */
  public static Optional<String> phone(String input, String region) {
    return PhoneNumbers.toE164(input == null ? null : input.strip(), region);
  }

  /** The lower-case form of a plausible e-mail address. */
  public static Optional<String> email(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String value = input.strip().toLowerCase(Locale.ROOT);
    return value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }

  /** Anything with an '@' is read as an e-mail, everything else as a phone number. */
  public static Optional<Address> parse(String input, String region) {
    if (input == null || input.isBlank()) {
      return Optional.empty();
    }
    if (input.contains("@")) {
      return email(input).map(e -> new Address(AddressKind.EMAIL, e));
    }
    return phone(input, region).map(p -> new Address(AddressKind.PHONE, p));
  }

  /** Why input is no address, for error messages. */
  public static String why(String input) {
    return input != null && input.contains("@") ? "is not a valid e-mail address" : "is not a valid phone number";
  }
}
