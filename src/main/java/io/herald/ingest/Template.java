package io.herald.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message template: text with {@code ~label~} placeholders, {@code ~label|fallback~} for a value
 * that may be empty, and {@code ~~} for a literal tilde. Parsed once, rendered per row; labels are
 * compared without regard to case.
 */
public final class Template {
  private final String source;
  private final List<Object> pieces; // String literals and Placeholders, in order

  private record Placeholder(String label, String fallback) {}

  private Template(String source, List<Object> pieces) {
    this.source = source;
    this.pieces = pieces;
  }

  /** IllegalArgumentException names the position of an unclosed placeholder. */
  public static Template parse(String text) {
    List<Object> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '~') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 < text.length() && text.charAt(i + 1) == '~') {
        literal.append('~');
        i += 2;
        continue;
      }
      int end = text.indexOf('~', i + 1);
      if (end < 0) {
        throw new IllegalArgumentException("template: placeholder at character " + (i + 1) + " is not closed with ~");
      }
      String inside = text.substring(i + 1, end);
      int bar = inside.indexOf('|');
      String label = (bar < 0 ? inside : inside.substring(0, bar)).trim();
      if (label.isEmpty()) {
        throw new IllegalArgumentException("template: empty placeholder at character " + (i + 1));
      }
      if (literal.length() > 0) {
        pieces.add(literal.toString());
        literal.setLength(0);
      }
      pieces.add(new Placeholder(label.toLowerCase(), bar < 0 ? null : inside.substring(bar + 1)));
      i = end + 1;
    }
    if (literal.length() > 0) {
      pieces.add(literal.toString());
    }
    return new Template(text, List.copyOf(pieces));
  }

  public String source() {
    return source;
  }

  /** The labels used, lower-case, in order of first use. */
  public Set<String> labels() {
    Set<String> labels = new LinkedHashSet<>();
    for (Object p : pieces) {
      if (p instanceof Placeholder ph) {
        labels.add(ph.label());
      }
    }
    return labels;
  }

  /**
   * The text for one row; vars are keyed by lower-case label. Fails, naming the placeholder, when
   * a value is missing or empty and there is no fallback.
   */
  public String render(Map<String, String> vars) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Object p : pieces) {
      if (p instanceof String s) {
        out.append(s);
        continue;
      }
      Placeholder ph = (Placeholder) p;
      String value = vars.get(ph.label());
      if (value == null || value.isBlank()) {
        if (ph.fallback() == null) {
          throw new IllegalArgumentException("no value for ~" + ph.label() + "~");
        }
        value = ph.fallback();
      }
      out.append(value);
    }
    return out.toString();
  }
}
