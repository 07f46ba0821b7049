package io.herald.broadcasts;

import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The mailing standards a broadcast is checked against before it is confirmed, each pass, warn or
 * fail (a fail blocks): opt-out instructions, the sender identified, the sending time inside the
 * recipients' local hours, the encoding and parts of the text, the segments and cost in total, links.
 */
final class Compliance {
  private static final Pattern OPT_OUT = Pattern.compile("\\b(stop|unsubscribe|opt[ -]?out)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINK = Pattern.compile("(https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);

  /** An account's broadcast rules: four-eyes, local sending hours, price per segment (or null). */
  record Settings(boolean fourEyes, LocalTime hoursFrom, LocalTime hoursTo, BigDecimal pricePerSegment) {
    JsonObject toJson() {
      return new JsonObject().put("fourEyes", fourEyes).put("sendingHoursFrom", hoursFrom.toString())
          .put("sendingHoursTo", hoursTo.toString())
          .put("pricePerSegment", pricePerSegment == null ? null : pricePerSegment.doubleValue());
    }
  }

  private Compliance() {}

  /** The checks, and whether one failed. senderAlphanumeric: the sender is a name, not a number. */
  static JsonObject check(String text, String sender, boolean senderAlphanumeric, String accountName, Instant sendAt,
                          ZoneId accountZone, List<Recipients.Recipient> recipients, Settings settings) {
    JsonArray checks = new JsonArray();
    checks.add(OPT_OUT.matcher(text).find() ? result("optOut", "pass", "the text tells recipients how to opt out")
        : result("optOut", "fail", "the text has no opt-out instructions: add e.g. \"Reply STOP to opt out\""));
    boolean named = senderAlphanumeric || text.toLowerCase(Locale.ROOT).contains(accountName.toLowerCase(Locale.ROOT));
    checks.add(named ? result("senderIdentified", "pass", senderAlphanumeric ? "sent from the name " + sender
            : "the text names " + accountName)
        : result("senderIdentified", "warn", "sent from the number " + sender + " and the text does not say who it is"
            + " from: name " + accountName + " in it"));
    long outside = 0;
    for (Recipients.Recipient r : recipients) {
      LocalTime local = sendAt.atZone(zone(r.zone(), accountZone)).toLocalTime();
      if (local.isBefore(settings.hoursFrom()) || !local.isBefore(settings.hoursTo())) {
        outside++;
      }
    }
    String hours = settings.hoursFrom() + "–" + settings.hoursTo();
    checks.add(outside == 0 ? result("sendingHours", "pass", "every recipient gets it between " + hours + " their time")
        : result("sendingHours", "fail", outside + " of " + recipients.size() + " recipients would get it outside "
            + hours + " their time: choose another time"));
    EncodedText longest = recipients.stream().map(r -> TextEncoder.encode(r.text()))
        .max((a, b) -> Integer.compare(a.segments(), b.segments())).orElse(TextEncoder.encode(text));
    long segments = recipients.stream().mapToLong(r -> TextEncoder.encode(r.text()).segments()).sum();
    boolean plain = longest.encoding().name().equals("GSM7") && longest.segments() == 1;
    checks.add(result("segments", plain ? "pass" : "warn", longest.encoding().name() + ", up to " + longest.segments()
        + (longest.segments() == 1 ? " part" : " parts") + " a text"
        + (longest.encoding().name().equals("GSM7") ? "" : ": a character outside GSM 7-bit makes every part shorter")));
    String cost = settings.pricePerSegment() == null ? ""
        : ", about " + settings.pricePerSegment().multiply(BigDecimal.valueOf(segments)).setScale(2,
            java.math.RoundingMode.HALF_UP).toPlainString();
    checks.add(result("total", "pass", segments + " segments to " + recipients.size() + " recipients" + cost));
    checks.add(LINK.matcher(text).find() ? result("links", "warn", "the text has a link: carriers filter texts with"
            + " unknown or shortened links")
        : result("links", "pass", "no links"));
    boolean failed = checks.stream().anyMatch(c -> "fail".equals(((JsonObject) c).getString("result")));
    return new JsonObject().put("checks", checks).put("passed", !failed).put("segments", segments);
  }

  private static ZoneId zone(String zone, ZoneId fallback) {
    if (zone == null) {
      return fallback;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return fallback;
    }
  }

  private static JsonObject result(String name, String result, String detail) {
    return new JsonObject().put("name", name).put("result", result).put("detail", detail);
  }
}
