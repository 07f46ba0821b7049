package io.herald.accounts;

import java.time.ZoneId;

/** A customer of Herald; everything else belongs to one. */
public record Account(long id, String name, String defaultRegion, ZoneId timeZone) {}
