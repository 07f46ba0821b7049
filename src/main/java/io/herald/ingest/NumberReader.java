package io.herald.ingest;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;

/**
 * The fast path for the numbers drop files are made of: E.164 (+CC…) and national digits, written
 * with spaces, dashes, dots and parentheses. It gives what PhoneNumberUtil.parse, getNumberType
 * and format(E164) give (libphonenumber costs 10–15 µs a number here, most of it in regular
 * expressions that parse runs on every input and in its synchronized pattern cache), national
 * digits after an international prefix such as 00 included. It answers null for anything else
 * (letters, extensions, other characters, a '+' and an unknown calling code, a region it has no
 * plan for), which the caller then gives to libphonenumber.
 *
 * <p>Only the steps of parse that such inputs reach are here, each as parse does it; the checks of
 * the number itself are NumberPlan's. NumberReaderTest compares the two on a large corpus.
 */
final class NumberReader {
  /** The type of a number and its E.164 form; the type is UNKNOWN and e164 null when it is not valid. */
  record Reading(PhoneNumberType type, String e164) {
    boolean valid() {
      return type != PhoneNumberType.UNKNOWN;
    }
  }

  static final Reading INVALID = new Reading(PhoneNumberType.UNKNOWN, null);

  /** PhoneNumberUtil's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN. */
  private static final int MIN_NATIONAL = 2;
  private static final int MAX_NATIONAL = 17;

  private NumberReader() {}

  /** The reading of input in defaultRegion, or null when only libphonenumber can tell. */
  static Reading read(String input, String defaultRegion) {
    if (input == null || defaultRegion == null) {
      return null;
    }
    NumberPlan home = NumberPlans.region(defaultRegion);
    if (home == null) {
      return null;
    }
    String digits = digits(input);
    if (digits == null) {
      return null;
    }
    boolean plus = digits.charAt(0) == '+';
    return plus ? international(digits.substring(1)) : national(digits, home);
  }

  /**
   * The digits of input, after a '+' if one comes before them, or null unless input is only ASCII
   * digits and the separators below, with at least three digits. For such input parse's
   * extractPossibleNumber, isViablePhoneNumber (three digits or more) and maybeStripExtension
   * (no extension without a letter, '#', ',' or ';') come to this, and normalize keeps the digits.
   */
  static String digits(String input) {
    StringBuilder digits = new StringBuilder(input.length());
    boolean plus = false;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && !plus && digits.length() == 0) {
        plus = true;
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        return null;
      }
    }
    if (digits.length() < 3) {
      return null; // parse's rules for two digits or fewer are its own
    }
    return plus ? "+" + digits : digits.toString();
  }

  /** parse of digits that followed a '+' (maybeExtractCountryCode, FROM_NUMBER_WITH_PLUS_SIGN). */
  private static Reading international(String digits) {
    int code = NumberPlans.callingCodeAtStart(digits);
    if (code <= 0) {
      return null; // for an unknown code parse reads the digits again as a national number
    }
    return finish(code, digits.substring(String.valueOf(code).length()), null);
  }

  /** parse of digits after the default region's international prefix (FROM_NUMBER_WITH_IDD). */
  private static Reading afterInternationalPrefix(String digits) {
    if (digits.length() <= MIN_NATIONAL) {
      return INVALID; // TOO_SHORT_AFTER_IDD
    }
    int code = NumberPlans.callingCodeAtStart(digits);
    if (code < 0) {
      return null;
    }
    // an unknown code is INVALID_COUNTRY_CODE: without a '+' parse does not read the digits again
    return code == 0 ? INVALID : finish(code, digits.substring(String.valueOf(code).length()), null);
  }

  /** parse of digits without a '+' in the default region (maybeExtractCountryCode). */
  private static Reading national(String digits, NumberPlan home) {
    // parsePrefixAsIdd: 00 44…, 011 44…, but not when a 0 follows (no calling code starts with 0)
    int idd = home.internationalPrefixEnd(digits);
    if (idd >= 0 && (idd == digits.length() || digits.charAt(idd) != '0')) {
      return afterInternationalPrefix(digits.substring(idd));
    }
    // digits that start with the region's own calling code, read as that code and a national number
    if (digits.startsWith(home.countryCodeDigits)) {
      String national = home.stripNationalPrefix(digits.substring(home.countryCodeDigits.length()));
      if ((!home.matchesGeneralPattern(digits) && home.matchesGeneralPattern(national))
          || home.testLength(digits.length()) == ValidationResult.TOO_LONG) {
        return finish(home.countryCode, national, null);
      }
    }
    return finish(home.countryCode, digits, home);
  }

  /**
   * The end of parse once the calling code is known (the national prefix stripped when what is left
   * has a possible length), then getNumberType and format(E164). The prefix is the parsing plan's:
   * the default region's for digits read as national, else the calling code's main region's (null).
   */
  private static Reading finish(int code, String national, NumberPlan parsingPlan) {
    NumberPlan[] plans = NumberPlans.callingCode(code);
    if (plans == null) {
      return null;
    }
    if (national.length() < MIN_NATIONAL) {
      return INVALID;
    }
    NumberPlan parsing = parsingPlan == null ? plans[0] : parsingPlan;
    String stripped = parsing.stripNationalPrefix(national);
    ValidationResult length = parsing.testLength(stripped.length());
    if (length != ValidationResult.TOO_SHORT && length != ValidationResult.IS_POSSIBLE_LOCAL_ONLY
        && length != ValidationResult.INVALID_LENGTH) {
      national = stripped;
    }
    if (national.length() < MIN_NATIONAL || national.length() > MAX_NATIONAL) {
      return INVALID;
    }
    // the national significant number is these digits, leading zeros and all (setItalianLeadingZeros)
    PhoneNumberType type = typeOf(plans, national);
    return type == PhoneNumberType.UNKNOWN ? INVALID : new Reading(type, "+" + code + national);
  }

  /**
   * PhoneNumberUtil.getNumberType: the region of a calling code shared by several is the first whose
   * leading digits match, or, for one without leading digits, in which the number is valid
   * (getRegionCodeForNumberFromRegionList); the type is the number's in that region's plan.
   */
  private static PhoneNumberType typeOf(NumberPlan[] plans, String national) {
    if (plans.length == 1) {
      return plans[0].typeOf(national);
    }
    for (NumberPlan plan : plans) {
      Boolean leading = plan.leadingDigitsMatch(national);
      if (leading == null) {
        PhoneNumberType type = plan.typeOf(national);
        if (type != PhoneNumberType.UNKNOWN) {
          return type;
        }
      } else if (leading) {
        return plan.typeOf(national);
      }
    }
    return PhoneNumberType.UNKNOWN;
  }
}
