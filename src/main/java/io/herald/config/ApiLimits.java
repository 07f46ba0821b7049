package io.herald.config;

/**
 * What one API request may carry: its body in bytes, the recipients of a job, and per recipient
 * its fields, its template variables and the length of any one value. A request past a limit is
 * refused whole, with the limit named, and nothing of it is kept.
 */
public record ApiLimits(long maxRequestBytes, int maxRecipients, int maxFieldsPerRecipient, int maxVarsPerRecipient,
                        int maxValueChars) {
  static ApiLimits from(Keys keys) {
    return new ApiLimits(
        keys.number("maxRequestBytes", 1024, 1L << 32),
        (int) keys.number("maxRecipients", 1, 10_000_000),
        (int) keys.number("maxFieldsPerRecipient", 1, 1_000),
        (int) keys.number("maxVarsPerRecipient", 0, 10_000),
        (int) keys.number("maxValueChars", 1, 1_000_000));
  }
}
