package io.herald.contacts;

/** Which contacts a list or an export shows: a search text, a group, an order, a page. */
public record ContactQuery(String search, Long groupId, String sort, boolean descending, Paging paging) {
  public static final String DEFAULT_SORT = "id";
}
