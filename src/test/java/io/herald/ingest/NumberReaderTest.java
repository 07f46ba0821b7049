package io.herald.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fast path answers exactly as libphonenumber does: every region's example numbers of every type
 * written in many ways, and random digit strings, each read in its own region and in others.
 */
class NumberReaderTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final List<String> REGIONS = new ArrayList<>(new TreeSet<>(UTIL.getSupportedRegions()));
  private static final String[] OTHERS = {"US", "CA", "GB", "DE", "IT", "AR", "MX", "BR", "RU", "KZ", "IN", "AU"};

  /** Every input compared, with the mismatches kept for the failure message. */
  private static final class Comparison {
    int compared;
    int decided;
    final List<String> mismatches = new ArrayList<>();

    void check(String input, String region) {
      compared++;
      if (NumberReader.read(input, region) != null) {
        decided++;
      }
      Optional<String> fast = PhoneNumbers.toE164(input, region);
      Optional<String> slow = PhoneNumbers.viaLibphonenumber(input, region);
      if (!fast.equals(slow)) {
        mismatches.add("toE164(\"" + input + "\", " + region + "): " + fast + ", libphonenumber " + slow);
      }
      if (input.isBlank()) {
        return; // MobileNumbers.choose skips blank cells
      }
      NumberReader.Reading fastType = MobileNumbers.read(input.strip(), region);
      NumberReader.Reading slowType = MobileNumbers.viaLibphonenumber(input.strip(), region);
      if (!Objects.equals(fastType, slowType)) {
        mismatches.add("type(\"" + input + "\", " + region + "): " + fastType + ", libphonenumber " + slowType);
      }
    }

    void assertSame(double minimumDecided) {
      String report = String.format(Locale.ROOT, "%d inputs, %d mismatches, %.1f%% decided by the fast path",
          compared, mismatches.size(), 100.0 * decided / compared);
      System.out.println(report);
      assertTrue(mismatches.isEmpty(), report + ", the first:\n" + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
      assertTrue(decided >= minimumDecided * compared, report);
    }
  }

  @Test
  void examplesOfEveryRegionAndTypeWrittenInManyWays() {
    Comparison comparison = new Comparison();
    int n = 0;
    for (String region : REGIONS) {
      List<PhoneNumber> examples = new ArrayList<>();
      for (PhoneNumberType type : PhoneNumberType.values()) {
        examples.add(UTIL.getExampleNumberForType(region, type));
      }
      examples.add(UTIL.getInvalidExampleNumber(region));
      for (PhoneNumber example : examples) {
        if (example == null) {
          continue;
        }
        for (String written : writings(example, region)) {
          comparison.check(written, region);
          comparison.check(written, OTHERS[n % OTHERS.length]);
          comparison.check(written, REGIONS.get((n * 7) % REGIONS.size()));
          n++;
        }
      }
    }
    for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
      PhoneNumber example = UTIL.getExampleNumberForNonGeoEntity(code);
      for (String written : writings(example, "001")) {
        for (String region : OTHERS) {
          comparison.check(written, region);
        }
      }
    }
    comparison.assertSame(0.6);
  }

  /** E.164, international and national forms, with other separators, national prefixes, an IDD, surrounding space. */
  private static List<String> writings(PhoneNumber number, String region) {
    String e164 = UTIL.format(number, PhoneNumberFormat.E164);
    String international = UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
    String national = UTIL.format(number, PhoneNumberFormat.NATIONAL);
    String nsn = UTIL.getNationalSignificantNumber(number);
    String cc = String.valueOf(number.getCountryCode());
    List<String> out = new ArrayList<>(List.of(e164, international, national, nsn, cc + nsn, "00" + cc + nsn,
        "011 " + cc + " " + nsn, international.replace(' ', '-'), international.replace(' ', '.'),
        national.replace(' ', '-'), national.replace(' ', '.'), PhoneNumberUtil.normalizeDigitsOnly(national),
        "  " + national + " ", "+" + cc + " (" + nsn.substring(0, Math.min(3, nsn.length())) + ") "
            + nsn.substring(Math.min(3, nsn.length())),
        UTIL.format(number, PhoneNumberFormat.RFC3966), "0" + nsn, "1" + nsn, "8" + nsn, "+" + cc + "0" + nsn,
        "+" + nsn, e164 + "1", e164.substring(0, e164.length() - 1)));
    String prefix = "001".equals(region) ? null : UTIL.getNddPrefixForRegion(region, true);
    if (prefix != null) {
      out.add(prefix + nsn);
      out.add(prefix + " " + nsn);
      out.add(cc + prefix + nsn);
    }
    if (nsn.length() > 6) {
      out.add("(" + nsn.substring(0, 3) + ") " + nsn.substring(3, 6) + "-" + nsn.substring(6));
      out.add(nsn.substring(0, 3) + "." + nsn.substring(3, 6) + "." + nsn.substring(6));
    }
    return out;
  }

  @Test
  void randomDigitStringsOfPlausibleLengths() {
    Random random = new Random(20_240_611L);
    Comparison comparison = new Comparison();
    for (int i = 0; i < 300_000; i++) {
      String region = REGIONS.get(random.nextInt(REGIONS.size()));
      String home = random.nextInt(4) == 0 ? REGIONS.get(random.nextInt(REGIONS.size())) : region;
      String digits = digits(random, region);
      if (random.nextInt(8) == 0) {
        digits = internationalPrefix(home) + digits.replace("+", ""); // 00 44…, 011 44…
      }
      comparison.check(separated(random, digits), home);
    }
    comparison.assertSame(0.8);
  }

  /** The digits a caller in region dials before a calling code: its preferred prefix, else 00 where the pattern allows it. */
  private static String internationalPrefix(String region) {
    PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
        .getMetadataForRegion(region);
    if (metadata.hasPreferredInternationalPrefix() && metadata.getPreferredInternationalPrefix().matches("[0-9]+")) {
      return metadata.getPreferredInternationalPrefix();
    }
    return metadata.getInternationalPrefix().matches("[0-9]+") ? metadata.getInternationalPrefix() : "00";
  }

  /** Digits of one of several shapes: +CC…, CC…, a national prefix and digits, digits alone, a changed example. */
  private static String digits(Random random, String region) {
    int cc = UTIL.getCountryCodeForRegion(region);
    PhoneNumber example = UTIL.getExampleNumberForType(region, random.nextBoolean() ? PhoneNumberType.MOBILE
        : PhoneNumberType.values()[random.nextInt(PhoneNumberType.values().length)]);
    if (example == null) {
      example = UTIL.getExampleNumber(region);
    }
    String nsn = example == null ? "2015550123" : UTIL.getNationalSignificantNumber(example);
    int length = Math.max(1, nsn.length() + random.nextInt(5) - 2);
    String prefix = UTIL.getNddPrefixForRegion(region, true);
    return switch (random.nextInt(7)) {
      case 0 -> "+" + cc + randomDigits(random, length);
      case 1 -> (prefix == null ? "0" : prefix) + randomDigits(random, length);
      case 2 -> randomDigits(random, length);
      case 3 -> cc + randomDigits(random, length);
      case 4 -> (random.nextBoolean() ? "+" + cc : "") + changed(random, nsn);
      case 5 -> (prefix == null ? "" : prefix) + changed(random, nsn);
      default -> (random.nextBoolean() ? "+" : "") + randomDigits(random, 3 + random.nextInt(18));
    };
  }

  private static String randomDigits(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }

  /** The example's leading digits (its prefix and range) kept, its last one to five digits random. */
  private static String changed(Random random, String nsn) {
    int keep = Math.max(0, nsn.length() - 1 - random.nextInt(5));
    return nsn.substring(0, keep) + randomDigits(random, nsn.length() - keep);
  }

  /** Spaces, dashes, dots or parentheses between some digits, about half the time. */
  private static String separated(Random random, String digits) {
    if (random.nextBoolean()) {
      return digits;
    }
    StringBuilder out = new StringBuilder();
    char separator = " -.".charAt(random.nextInt(3));
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && random.nextInt(4) == 0) {
        out.append(random.nextInt(5) == 0 ? ") " : String.valueOf(separator));
      }
      out.append(digits.charAt(i));
    }
    return random.nextInt(5) == 0 ? "(" + out : out.toString();
  }

  @Test
  void theCommonFormsTakeTheFastPathAndTheRestDoNot() {
    assertNotNull(NumberReader.read("(202) 555-0143", "US"));
    assertNotNull(NumberReader.read("+44 7911 123456", "US"));
    assertNotNull(NumberReader.read("07911 123456", "GB"));
    assertEquals("+447911123456", NumberReader.read("07911.123.456", "GB").e164());
    assertEquals("+447911123456", NumberReader.read("0044 7911 123456", "FR").e164());
    assertEquals("+447911123456", NumberReader.read("011 44 7911 123456", "US").e164());
    assertNull(NumberReader.read("202-555-0143 ext. 12", "US"));
    assertNull(NumberReader.read("1-800-FLOWERS", "US"));
    assertNull(NumberReader.read("+0 123 456", "US"), "an unknown calling code is read again as national");
    assertNull(NumberReader.read("202 555 0143", "us"), "libphonenumber knows region codes in upper case only");
    assertEquals(NumberReader.INVALID, NumberReader.read("+44 12", "US"));
  }
}
