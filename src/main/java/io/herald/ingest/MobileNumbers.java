package io.herald.ingest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/**
 * Picks the number to text from the phone columns of one row: the first that is a valid number a
 * text can reach. Numbers that are valid but can only be called (landlines, toll-free) are told
 * apart from numbers that are not valid at all, so the row's reason can say which.
 */
public final class MobileNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private MobileNumbers() {}

  public enum Verdict { MOBILE, LANDLINE, INVALID, MISSING }

  /**
   * The outcome for one row. index is the candidate the verdict is about (the chosen mobile, the
   * first landline, or the first non-blank invalid value; -1 when every candidate is blank); e164
   * is set for MOBILE and LANDLINE.
   */
  public record Choice(Verdict verdict, int index, String e164) {}

  public static Choice choose(List<String> candidates, String defaultRegion) {
    int landline = -1;
    String landlineE164 = null;
    int invalid = -1;
    for (int i = 0; i < candidates.size(); i++) {
      String value = candidates.get(i);
      if (value == null || value.isBlank()) {
        continue;
      }
      NumberReader.Reading reading = read(value.strip(), defaultRegion);
      if (!reading.valid()) {
        invalid = invalid < 0 ? i : invalid;
        continue;
      }
      if (textable(reading.type())) {
        return new Choice(Verdict.MOBILE, i, reading.e164());
      }
      if (landline < 0) {
        landline = i;
        landlineE164 = reading.e164();
      }
    }
    if (landline >= 0) {
      return new Choice(Verdict.LANDLINE, landline, landlineE164);
    }
    return invalid >= 0 ? new Choice(Verdict.INVALID, invalid, null) : new Choice(Verdict.MISSING, -1, null);
  }

  /** Where the numbering plan cannot tell a mobile from a fixed line (as in North America), a text may reach it. */
  private static boolean textable(PhoneNumberType type) {
    return switch (type) {
      case MOBILE, FIXED_LINE_OR_MOBILE, PERSONAL_NUMBER, VOIP, PAGER -> true;
      default -> false;
    };
  }

  /** The number's type and E.164 form: from NumberReader for the common forms, else from libphonenumber. */
  static NumberReader.Reading read(String input, String region) {
    if (input.length() > 64) {
      return NumberReader.INVALID;
    }
    NumberReader.Reading reading = NumberReader.read(input, region);
    return reading != null ? reading : viaLibphonenumber(input, region);
  }

  /** The same reading from libphonenumber alone (the reference NumberReaderTest compares with). */
  static NumberReader.Reading viaLibphonenumber(String input, String region) {
    if (input.length() > 64) {
      return NumberReader.INVALID;
    }
    try {
      PhoneNumber number = UTIL.parse(input, region);
      // the type says whether the number is valid too (UNKNOWN when not), so it is worked out once
      PhoneNumberType type = UTIL.getNumberType(number);
      return type == PhoneNumberType.UNKNOWN
          ? NumberReader.INVALID : new NumberReader.Reading(type, UTIL.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return NumberReader.INVALID;
    }
  }
}
