package io.herald.drop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A stored drop profile: one FTP login of an account and how its files become texts. */
public record DropProfile(long id, long accountId, String passwordHash, ProfileSettings settings, Instant createdAt,
                          Instant updatedAt) {

  public String username() {
    return settings.username();
  }

  /** The profile as the API shows it (never the password); ftp says where to drop files. */
  public JsonObject toJson(FtpEndpoint ftp) {
    ProfileSettings s = settings;
    ProfileColumns c = s.columns();
    JsonArray phones = new JsonArray();
    c.phones().forEach(p -> phones.add(p.toJson()));
    JsonArray fields = new JsonArray();
    c.fields().forEach(f -> fields.add(f.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("name", s.name())
        .put("username", s.username())
        .put("enabled", s.enabled())
        .put("hasHeader", s.hasHeader())
        .put("mobileColumn", c.mobile().toJson())
        .put("phoneColumns", phones)
        .put("keywordColumn", c.keyword() == null ? null : c.keyword().toJson())
        .put("messageColumn", c.message() == null ? null : c.message().toJson())
        .put("template", s.template())
        .put("fields", fields)
        .put("sendAtColumn", c.sendAt() == null ? null : c.sendAt().toJson())
        .put("sendAtFormat", s.sendAtFormat())
        .put("timeZone", s.timeZone())
        .put("timeZoneColumn", c.timeZone() == null ? null : c.timeZone().toJson())
        .put("conversationLock", s.conversationLock())
        .put("from", s.sender())
        .put("purpose", s.purpose())
        .put("appointmentColumns", c.appointmentsJson())
        .put("lane", "bulk")
        .put("ftp", ftp.toJson(s.username()))
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
