package io.herald.broadcasts;

import io.herald.api.DateTimes;
import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A draft as the API gives it: {sms, audience: "all" | "groups", groups, phoneField, duplicates, sendAt, timeZone, refresh}. */
record BroadcastInput(long smsId, List<Long> groupIds, String phoneField, String duplicates, Instant sendAt, String timeZone,
                      boolean refresh) {
  private static final Set<String> FIELDS = Set.of("sms", "audience", "groups", "phoneField", "duplicates", "sendAt",
      "timeZone", "refresh");

  static BroadcastInput of(JsonObject body, ZoneId accountZone, Instant now) {
    for (String key : body.fieldNames()) {
      if (!FIELDS.contains(key)) {
        throw Refusal.invalid(key, "unknown field " + key, null);
      }
    }
    if (!(body.getValue("sms") instanceof Number sms) || sms.longValue() < 1) {
      throw Refusal.invalid("sms", "sms is the id of the message from the SMS library to send", body.getValue("sms"));
    }
    Object audience = body.getValue("audience", "all");
    List<Long> groups = null;
    if ("groups".equals(audience)) {
      if (!(body.getValue("groups") instanceof JsonArray list) || list.isEmpty()) {
        throw Refusal.invalid("groups", "choose one or more groups, or send to all contacts", null);
      }
      groups = new ArrayList<>();
      for (Object g : list) {
        if (!(g instanceof Number n) || n.longValue() < 1) {
          throw Refusal.invalid("groups", "groups are group ids", String.valueOf(g));
        }
        if (!groups.contains(n.longValue())) {
          groups.add(n.longValue());
        }
      }
    } else if (!"all".equals(audience)) {
      throw Refusal.invalid("audience", "audience is all (every active contact) or groups", String.valueOf(audience));
    }
    String duplicates = body.getString("duplicates", Recipients.PER_NUMBER);
    if (!duplicates.equals(Recipients.PER_NUMBER) && !duplicates.equals(Recipients.PER_CONTACT)) {
      throw Refusal.invalid("duplicates", "duplicates is perNumber (one text a number) or perContact (one text a contact)",
          duplicates);
    }
    String zoneName = body.getValue("timeZone") instanceof String z && !z.isBlank() ? z.strip() : accountZone.getId();
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw Refusal.invalid("timeZone", "timeZone must be an IANA time zone like America/New_York", zoneName);
    }
    Instant sendAt = null;
    if (body.getValue("sendAt") instanceof String s && !s.isBlank()) {
      try {
        sendAt = DateTimes.read(s, zone);
      } catch (DateTimeException e) {
        throw Refusal.invalid("sendAt", "sendAt '" + s + "' is not a date and time like 2026-12-10T09:00", s);
      }
      if (!sendAt.isAfter(now)) {
        throw Refusal.invalid("sendAt", "sendAt has passed: leave it out to send when approved", s);
      }
    }
    boolean refresh = Boolean.TRUE.equals(body.getValue("refresh"));
    String phoneField = body.getValue("phoneField") instanceof String p && !p.isBlank() && !p.equals("phone") ? p.strip() : null;
    return new BroadcastInput(sms.longValue(), groups, phoneField, duplicates, sendAt, zone.getId(), refresh && sendAt != null);
  }
}
