package io.herald.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a capability will not do what it was asked: the domain's own failure, with the field and
 * value at fault when there is one. Capabilities throw it (or fail futures with it) and know
 * nothing of HTTP; the web layer alone turns a kind into a status code and the details into JSON.
 */
public final class Refusal extends RuntimeException {
  /** What went wrong, in the domain's words. */
  public enum Kind {
    /** A value the caller gave is not acceptable: it names the field and the value. */
    INVALID,
    /** The caller may not do this to this thing. */
    FORBIDDEN,
    /** The thing asked for does not exist (or is not the caller's to see). */
    NOT_FOUND,
    /** The thing exists but its state, or another thing, stands in the way. */
    CONFLICT,
    /** The thing existed and has been removed for good. */
    GONE,
    /** A configured limit was reached: it names the limit. */
    LIMIT,
    /** A system Herald depends on (an SMSC, a peer) refused or failed. */
    UPSTREAM
  }

  private final Kind kind;
  private final Map<String, Object> details;

  private Refusal(Kind kind, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.details = Collections.unmodifiableMap(details);
  }

  public static Refusal of(Kind kind, String message) {
    return new Refusal(kind, message, new LinkedHashMap<>());
  }

  /** A bad value: the field it was given in and the value itself (null when there is none to show). */
  public static Refusal invalid(String field, String message, Object value) {
    Refusal r = of(Kind.INVALID, message).with("field", field);
    return value == null ? r : r.with("value", value);
  }

  public static Refusal invalid(String message) {
    return of(Kind.INVALID, message);
  }

  /** "{what} not found". */
  public static Refusal notFound(String what) {
    return of(Kind.NOT_FOUND, what + " not found");
  }

  public static Refusal notFoundBecause(String message) {
    return of(Kind.NOT_FOUND, message);
  }

  public static Refusal conflict(String message) {
    return of(Kind.CONFLICT, message);
  }

  public static Refusal forbidden(String message) {
    return of(Kind.FORBIDDEN, message);
  }

  public static Refusal gone(String message) {
    return of(Kind.GONE, message);
  }

  /** A limit reached: the config key that sets it and its value. */
  public static Refusal limit(String message, String key, Object value) {
    return of(Kind.LIMIT, message).with("limit", key).with("value", value);
  }

  public static Refusal upstream(String message) {
    return of(Kind.UPSTREAM, message);
  }

  /** This refusal with one more detail for the caller (the field, the value, the thing in the way). */
  public Refusal with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new Refusal(kind, getMessage(), more);
  }

  public Kind kind() {
    return kind;
  }

  public boolean is(Kind k) {
    return kind == k;
  }

  /** The details in the order they were added: field, value, and whatever else the caller needs. */
  public Map<String, Object> details() {
    return details;
  }
}
