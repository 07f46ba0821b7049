package io.herald.campaigns;

import io.herald.errors.Refusal;
import io.herald.jobs.WeeklySchedule;
import io.vertx.core.json.JsonObject;

/** A campaign's fields as a request gives them, each checked and named when wrong; null = unchanged. */
record CampaignInput(String name, String description, String sender, String language, Long answerId,
                     WeeklySchedule schedule) {
  static CampaignInput of(JsonObject body, boolean creating) {
    String name = text(body, "name", 200, creating);
    String description = body.containsKey("description") ? optional(body.getValue("description")) : creating ? "" : null;
    String sender = text(body, "sender", 64, creating);
    String language = text(body, "language", 35, creating);
    if (language != null && !AnswerCheck.isLanguage(language)) {
      throw Refusal.invalid("language", "language must be a language tag like en, es or fr-CA", language);
    }
    Long answerId = null;
    if (body.containsKey("answerId") || creating) {
      if (!(body.getValue("answerId") instanceof Number n) || n.longValue() <= 0) {
        throw Refusal.invalid("answerId", "answerId must be the id of one of the account's messaging answers",
            body.getValue("answerId"));
      }
      answerId = n.longValue();
    }
    WeeklySchedule schedule = null;
    if (body.containsKey("schedule") || creating) {
      if (!(body.getValue("schedule") instanceof JsonObject json)) {
        throw Refusal.invalid("schedule", "schedule must be an object like {\"mon\": [\"09:00\", \"17:00\"]}; "
            + "a day left out is closed", body.getValue("schedule"));
      }
      try {
        schedule = WeeklySchedule.fromJson(json);
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("schedule", e.getMessage(), null);
      }
    }
    return new CampaignInput(name, description, sender, language, answerId, schedule);
  }

  private static String text(JsonObject body, String key, int max, boolean required) {
    if (!body.containsKey(key) && !required) {
      return null;
    }
    Object value = body.getValue(key);
    if (!(value instanceof String s) || s.isBlank() || s.length() > max) {
      throw Refusal.invalid(key, key + " must be text of 1 to " + max + " characters", value);
    }
    return s.strip();
  }

  private static String optional(Object value) {
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s) || s.length() > 2000) {
      throw Refusal.invalid("description", "description must be text of at most 2000 characters", value);
    }
    return s.strip();
  }
}
