package io.herald.ingest;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every numbering plan libphonenumber knows, by region and by calling code, compiled once when the
 * class loads (about 150 ms and 4 MB of heap; Herald loads it on a worker at start, see
 * {@link PhoneNumbers#load()}). A plan whose metadata NumberPlan cannot take is absent, and numbers
 * that need it are left to libphonenumber.
 */
final class NumberPlans {
  private static final String NON_GEOGRAPHIC = "001";
  private static final int CODES = 1000;

  /** By calling code: the plans of its regions in libphonenumber's order (the main region first); null where any is missing. */
  private static final NumberPlan[][] BY_CODE = new NumberPlan[CODES][];
  private static final Map<String, NumberPlan> BY_REGION = new HashMap<>();
  /** The calling codes libphonenumber knows, compiled or not. */
  private static final boolean[] KNOWN = new boolean[CODES];

  static {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    for (int code : util.getSupportedCallingCodes()) {
      List<String> regions = util.getRegionCodesForCountryCode(code);
      NumberPlan[] plans = new NumberPlan[regions.size()];
      for (int i = 0; i < plans.length; i++) {
        String region = regions.get(i);
        plans[i] = compile(NON_GEOGRAPHIC.equals(region)
            ? source.getMetadataForNonGeographicalRegion(code) : source.getMetadataForRegion(region));
        if (plans[i] != null && !NON_GEOGRAPHIC.equals(region)) {
          BY_REGION.put(region, plans[i]);
        }
      }
      if (code > 0 && code < CODES) {
        KNOWN[code] = true;
      }
      boolean complete = code > 0 && code < CODES && plans.length > 0;
      for (NumberPlan plan : plans) {
        complete &= plan != null && plan.countryCode == code;
      }
      if (complete) {
        BY_CODE[code] = plans;
      }
    }
  }

  private NumberPlans() {}

  private static NumberPlan compile(PhoneMetadata metadata) {
    try {
      return metadata == null ? null : new NumberPlan(metadata);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The plan of a region code as libphonenumber spells it (upper case), or null. */
  static NumberPlan region(String region) {
    return BY_REGION.get(region);
  }

  /** The plans of a calling code, main region first; null for a code libphonenumber does not know or a plan not compiled. */
  static NumberPlan[] callingCode(int code) {
    return code > 0 && code < CODES ? BY_CODE[code] : null;
  }

  /**
   * PhoneNumberUtil.extractCountryCode: the calling code the digits start with (one to three
   * digits, the shortest known), or 0; -1 for a known code whose plans are not compiled.
   */
  static int callingCodeAtStart(String digits) {
    if (digits.isEmpty() || digits.charAt(0) == '0') {
      return 0;
    }
    int code = 0;
    for (int i = 0; i < 3 && i < digits.length(); i++) {
      code = code * 10 + (digits.charAt(i) - '0');
      if (KNOWN[code]) {
        return BY_CODE[code] == null ? -1 : code;
      }
    }
    return 0;
  }
}
