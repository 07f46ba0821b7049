package io.herald.campaigns;

import io.herald.ingest.Template;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an answer's text comes to: its placeholders, and its length, encoding and parts with each
 * placeholder at a typical width (ten characters), so the user sees the cost before a list is sent.
 */
record AnswerCheck(List<String> placeholders, int characters, String encoding, int parts, List<String> warnings) {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  /** IllegalArgumentException names the problem (an unclosed placeholder, an empty text). */
  static AnswerCheck of(String text, int maxParts) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text is empty");
    }
    Template template = Template.parse(text);
    Map<String, String> sample = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (String label : template.labels()) {
      sample.put(label, "x".repeat(10));
      if (!label.equals("first_name")) {
        warnings.add("~" + label + "~ is not first_name: each recipient list must have a column named " + label);
      }
    }
    EncodedText encoded = TextEncoder.encode(template.render(sample));
    if (encoded.segments() > maxParts) {
      throw new IllegalArgumentException("text is too long: " + encoded.segments() + " parts of " + encoded.encoding()
          + ", the maximum is " + maxParts);
    }
    return new AnswerCheck(List.copyOf(template.labels()), encoded.units(), encoded.encoding().name(),
        encoded.segments(), warnings);
  }

  /** An IANA-style language tag: en, es, fr-CA. */
  static boolean isLanguage(String tag) {
    return tag != null && LANGUAGE.matcher(tag).matches();
  }

  JsonObject toJson() {
    return new JsonObject().put("placeholders", new JsonArray(placeholders)).put("characters", characters)
        .put("encoding", encoding).put("parts", parts).put("warnings", new JsonArray(warnings));
  }
}
