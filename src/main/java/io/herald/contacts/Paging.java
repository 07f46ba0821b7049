package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.json.JsonObject;

/** A page of a list: page numbers from 1, at most {@link #MAX_SIZE} items a page. */
public record Paging(int page, int size) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 1000;

  /** From the query parameters page and pageSize (either may be null). */
  public static Paging of(String page, String size) {
    return new Paging(number("page", page, 1, Integer.MAX_VALUE / MAX_SIZE, 1),
        number("pageSize", size, 1, MAX_SIZE, DEFAULT_SIZE));
  }

  public int offset() {
    return (page - 1) * size;
  }

  /** {"page", "pageSize", "total"}. */
  JsonObject page(long total) {
    return new JsonObject().put("page", page).put("pageSize", size).put("total", total);
  }

  private static int number(String name, String given, int min, int max, int fallback) {
    if (given == null || given.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(given.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Refusal.invalid(name, name + " must be a whole number from " + min + " to " + max, given);
  }
}
