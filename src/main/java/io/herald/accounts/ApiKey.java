package io.herald.accounts;

import java.time.Instant;

/** An account's API key as it is listed: never the key itself, which is shown once when made. */
public record ApiKey(long id, long accountId, String name, Role role, String prefix, String createdBy,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
  public boolean revoked() {
    return revokedAt != null;
  }
}
