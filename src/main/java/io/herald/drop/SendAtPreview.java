package io.herald.drop;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * How a drop file's send date / time values read with a profile's format, before the profile is
 * saved: the same reader the drop uses ({@link SendTimes}), so the form shows what a file will do.
 */
public final class SendAtPreview {
  static final int MAX_SAMPLES = 20;
  static final int MAX_SAMPLE_CHARS = 100;

  private SendAtPreview() {}

  /**
   * {"format": "M/d/yyyy h:mm a", "samples": ["12/31/2026 2:30 PM", ...]} answers the format, an
   * example of it, and each sample's local date and time ("reads") or why it does not fit ("error").
   */
  public static JsonObject preview(JsonObject request) {
    Object format = request.getValue("format");
    if (!(format instanceof String f) || f.isBlank()) {
      throw Refusal.invalid("format", "format is required: a date-time pattern like M/d/yyyy h:mm a",
          format == null ? null : String.valueOf(format));
    }
    SendTimes times = new SendTimes(f); // 400 naming sendAtFormat when the pattern cannot be used
    Object given = request.getValue("samples", new JsonArray());
    if (!(given instanceof JsonArray samples) || samples.size() > MAX_SAMPLES) {
      throw Refusal.invalid("samples", "samples must be a list of at most " + MAX_SAMPLES + " values", null);
    }
    JsonArray readings = new JsonArray();
    for (int i = 0; i < samples.size(); i++) {
      if (!(samples.getValue(i) instanceof String value) || value.length() > MAX_SAMPLE_CHARS) {
        throw Refusal.invalid("samples[" + i + "]", "samples[" + i + "] must be text of at most "
            + MAX_SAMPLE_CHARS + " characters", String.valueOf(samples.getValue(i)));
      }
      LocalDateTime reads = times.local(value);
      readings.add(new JsonObject().put("value", value).put("reads", reads == null ? null : reads.toString())
          .put("error", reads == null ? times.why() : null));
    }
    return new JsonObject().put("format", f).put("example", times.example()).put("samples", readings);
  }
}
