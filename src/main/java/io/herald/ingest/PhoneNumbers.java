package io.herald.ingest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers as Herald keeps them: validated with libphonenumber and written in E.164. The common
 * forms go through NumberReader, which answers as libphonenumber does, faster; the rest through
 * libphonenumber itself.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * Compiles the numbering plans now (about 150 ms, once), so the first number read does not pay
   * for it on an event loop. Blocking: call it on a worker.
   */
  public static void load() {
    NumberPlans.region("US");
  }

  /** The E.164 form of input read in defaultRegion, or empty when it is not a valid, dialable number. */
  public static Optional<String> toE164(String input, String defaultRegion) {
    if (input == null || input.isBlank() || input.length() > 64) {
      return Optional.empty();
    }
    NumberReader.Reading reading = NumberReader.read(input, defaultRegion);
    if (reading != null) {
      return Optional.ofNullable(reading.e164());
    }
    return viaLibphonenumber(input, defaultRegion);
  }

  /** The same answer from libphonenumber alone (the reference NumberReaderTest compares with). */
  static Optional<String> viaLibphonenumber(String input, String defaultRegion) {
    if (input == null || input.isBlank() || input.length() > 64) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(input, defaultRegion);
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
