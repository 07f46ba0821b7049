package io.herald.ingest;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbering plan of libphonenumber's metadata (a region's, or a non-geographic calling code's)
 * with its patterns compiled once. libphonenumber looks its patterns up in a synchronized cache of
 * 100 entries, which every thread contends for and which a file of mixed countries keeps evicting;
 * these patterns are compiled once and shared (java.util.regex.Pattern is thread-safe).
 *
 * <p>Each method does what the PhoneNumberUtil (libphonenumber 9) method it names does, step for
 * step, so that the answers are the same; NumberReaderTest checks it against libphonenumber.
 */
final class NumberPlan {
  /** The types in the order PhoneNumberUtil.getNumberTypeHelper tries them, before fixed line and mobile. */
  private static final PhoneNumberType[] SPECIAL_TYPES = {
      PhoneNumberType.PREMIUM_RATE, PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP,
      PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL};

  final int countryCode;
  final String countryCodeDigits;
  private final Desc general;
  private final Desc[] special;
  private final Desc fixedLine;
  private final Desc mobile;
  private final boolean sameMobileAndFixedLine;
  /** The general description's possible lengths and local-only lengths, as testNumberLength reads them. */
  private final int[] possibleLengths;
  private final int[] localOnlyLengths;
  private final Pattern nationalPrefix;
  private final String transformRule;
  private final Pattern internationalPrefix;
  private final Pattern leadingDigits;

  /** A number description: its pattern (null when empty, which libphonenumber never matches) and its lengths. */
  private record Desc(Pattern pattern, long lengths, boolean lengthsListed) {
    static Desc of(PhoneNumberDesc desc) {
      if (desc == null) {
        throw new IllegalArgumentException("a number description is missing");
      }
      long lengths = 0;
      for (int length : desc.getPossibleLengthList()) {
        if (length > 63) {
          throw new IllegalArgumentException("possible length " + length);
        }
        lengths |= length < 0 ? 0 : 1L << length; // -1: no number of this type exists
      }
      String regex = desc.getNationalNumberPattern();
      return new Desc(regex.isEmpty() ? null : Pattern.compile(regex), lengths, desc.getPossibleLengthCount() > 0);
    }

    /** RegexBasedMatcher.matchNationalNumber(number, desc, false): lookingAt and matches is matches. */
    boolean patternMatches(CharSequence number) {
      return pattern != null && pattern.matcher(number).matches();
    }

    /** PhoneNumberUtil.isNumberMatchingDesc. */
    boolean matches(String nationalNumber) {
      int length = nationalNumber.length();
      if (lengthsListed && (length > 63 || (lengths & (1L << length)) == 0)) {
        return false;
      }
      return patternMatches(nationalNumber);
    }
  }

  /** Throws IllegalArgumentException for metadata unlike what the methods below assume (the plan is then left to libphonenumber). */
  NumberPlan(PhoneMetadata metadata) {
    countryCode = metadata.getCountryCode();
    countryCodeDigits = String.valueOf(countryCode);
    general = Desc.of(metadata.getGeneralDesc());
    PhoneNumberDesc[] specialDescs = {metadata.getPremiumRate(), metadata.getTollFree(), metadata.getSharedCost(),
        metadata.getVoip(), metadata.getPersonalNumber(), metadata.getPager(), metadata.getUan(),
        metadata.getVoicemail()};
    special = new Desc[specialDescs.length];
    for (int i = 0; i < specialDescs.length; i++) {
      special[i] = Desc.of(specialDescs[i]);
    }
    fixedLine = Desc.of(metadata.getFixedLine());
    mobile = Desc.of(metadata.getMobile());
    sameMobileAndFixedLine = metadata.getSameMobileAndFixedLinePattern();
    possibleLengths = ints(metadata.getGeneralDesc().getPossibleLengthList());
    localOnlyLengths = ints(metadata.getGeneralDesc().getPossibleLengthLocalOnlyList());
    if (possibleLengths.length == 0) {
      throw new IllegalArgumentException("no possible lengths");
    }
    String prefix = metadata.getNationalPrefixForParsing();
    nationalPrefix = prefix == null || prefix.isEmpty() ? null : Pattern.compile(prefix);
    String rule = metadata.getNationalPrefixTransformRule();
    transformRule = rule == null || rule.isEmpty() ? null : rule;
    internationalPrefix = Pattern.compile(metadata.getInternationalPrefix());
    leadingDigits = metadata.hasLeadingDigits() ? Pattern.compile(metadata.getLeadingDigits()) : null;
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Where this region's international (IDD) prefix, such as 00 or 011, ends at the start of the digits, or -1. */
  int internationalPrefixEnd(String digits) {
    Matcher idd = internationalPrefix.matcher(digits);
    return idd.lookingAt() ? idd.end() : -1;
  }

  /** Whether a number of the calling code shared by several regions is this region's by its leading digits; null when the plan has none. */
  Boolean leadingDigitsMatch(String nationalNumber) {
    return leadingDigits == null ? null : leadingDigits.matcher(nationalNumber).lookingAt();
  }

  /** RegexBasedMatcher.matchNationalNumber(number, generalDesc, false). */
  boolean matchesGeneralPattern(String number) {
    return general.patternMatches(number);
  }

  /** PhoneNumberUtil.testNumberLength(number, metadata), for the type UNKNOWN (the general description). */
  ValidationResult testLength(int length) {
    if (possibleLengths[0] == -1) {
      return ValidationResult.INVALID_LENGTH;
    }
    for (int local : localOnlyLengths) {
      if (local == length) {
        return ValidationResult.IS_POSSIBLE_LOCAL_ONLY;
      }
    }
    int minimum = possibleLengths[0];
    if (minimum == length) {
      return ValidationResult.IS_POSSIBLE;
    } else if (minimum > length) {
      return ValidationResult.TOO_SHORT;
    } else if (possibleLengths[possibleLengths.length - 1] < length) {
      return ValidationResult.TOO_LONG;
    }
    for (int i = 1; i < possibleLengths.length; i++) {
      if (possibleLengths[i] == length) {
        return ValidationResult.IS_POSSIBLE;
      }
    }
    return ValidationResult.INVALID_LENGTH;
  }

  /**
   * PhoneNumberUtil.maybeStripNationalPrefixAndCarrierCode without the carrier code (which parse
   * keeps only with the raw input): the number with its national prefix taken off or transformed,
   * or the number itself.
   */
  String stripNationalPrefix(String number) {
    if (number.isEmpty() || nationalPrefix == null) {
      return number;
    }
    Matcher prefix = nationalPrefix.matcher(number);
    if (!prefix.lookingAt()) {
      return number;
    }
    boolean viableOriginal = general.patternMatches(number);
    int groups = prefix.groupCount();
    if (transformRule == null || prefix.group(groups) == null) {
      String stripped = number.substring(prefix.end());
      return viableOriginal && !general.patternMatches(stripped) ? number : stripped;
    }
    String transformed = prefix.replaceFirst(transformRule);
    return viableOriginal && !general.patternMatches(transformed) ? number : transformed;
  }

  /** PhoneNumberUtil.getNumberTypeHelper: UNKNOWN when the number is not valid in this plan. */
  PhoneNumberType typeOf(String nationalNumber) {
    if (!general.matches(nationalNumber)) {
      return PhoneNumberType.UNKNOWN;
    }
    for (int i = 0; i < special.length; i++) {
      if (special[i].matches(nationalNumber)) {
        return SPECIAL_TYPES[i];
      }
    }
    if (fixedLine.matches(nationalNumber)) {
      return sameMobileAndFixedLine || mobile.matches(nationalNumber)
          ? PhoneNumberType.FIXED_LINE_OR_MOBILE : PhoneNumberType.FIXED_LINE;
    }
    if (!sameMobileAndFixedLine && mobile.matches(nationalNumber)) {
      return PhoneNumberType.MOBILE;
    }
    return PhoneNumberType.UNKNOWN;
  }
}
