package io.herald.broadcasts;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** An account's broadcast rules as the API changes them: {fourEyes, sendingHoursFrom, sendingHoursTo, pricePerSegment}. */
final class BroadcastSettingsInput {
  private BroadcastSettingsInput() {}

  static Compliance.Settings of(JsonObject body, Compliance.Settings now) {
    boolean fourEyes = now.fourEyes();
    if (body.containsKey("fourEyes")) {
      if (!(body.getValue("fourEyes") instanceof Boolean b)) {
        throw Refusal.invalid("fourEyes", "fourEyes is true or false", String.valueOf(body.getValue("fourEyes")));
      }
      fourEyes = b;
    }
    LocalTime from = time(body, "sendingHoursFrom", now.hoursFrom());
    LocalTime to = time(body, "sendingHoursTo", now.hoursTo());
    if (!to.isAfter(from)) {
      throw Refusal.invalid("sendingHoursTo", "the sending hours end before they start", to.toString());
    }
    BigDecimal price = now.pricePerSegment();
    if (body.containsKey("pricePerSegment")) {
      Object p = body.getValue("pricePerSegment");
      if (p == null) {
        price = null;
      } else if (p instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1_000) {
        price = new BigDecimal(n.toString());
      } else {
        throw Refusal.invalid("pricePerSegment", "pricePerSegment is a price like 0.0075, or null", String.valueOf(p));
      }
    }
    return new Compliance.Settings(fourEyes, from, to, price);
  }

  private static LocalTime time(JsonObject body, String key, LocalTime fallback) {
    Object v = body.getValue(key);
    if (v == null) {
      return fallback;
    }
    try {
      return LocalTime.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(key, key + " is a time like 08:00", String.valueOf(v));
    }
  }
}
