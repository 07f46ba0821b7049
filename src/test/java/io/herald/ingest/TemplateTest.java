package io.herald.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void rendersPlaceholdersFallbacksAndTildes() {
    Template t = Template.parse("Hi ~First~, your visit is on ~date|soon~ ~~ see you");
    assertEquals(Set.of("first", "date"), t.labels());
    assertEquals("Hi Ana, your visit is on 3 May ~ see you", t.render(Map.of("first", "Ana", "date", "3 May")));
    assertEquals("Hi Ana, your visit is on soon ~ see you", t.render(Map.of("first", "Ana", "date", " ")));
  }

  @Test
  void aMissingValueWithoutFallbackNamesThePlaceholder() {
    Template t = Template.parse("Hi ~first~");
    assertEquals("no value for ~first~", assertThrows(IllegalArgumentException.class, () -> t.render(Map.of())).getMessage());
  }

  @Test
  void anUnclosedPlaceholderIsRefused() {
    assertEquals("template: placeholder at character 4 is not closed with ~",
        assertThrows(IllegalArgumentException.class, () -> Template.parse("Hi ~first")).getMessage());
    assertEquals("template: empty placeholder at character 4",
        assertThrows(IllegalArgumentException.class, () -> Template.parse("Hi ~|x~")).getMessage());
  }
}
