package io.herald.accounts;

/**
 * Who is calling: a user of one account, an operator (accountId null), or an account's API key
 * (userId 0, email naming the key).
 */
public record Principal(long userId, Long accountId, String email, Role role) {
  /** The user what they make is recorded against; null for an API key, which is no user. */
  public Long user() {
    return userId == 0 ? null : userId;
  }

  public boolean isOperator() {
    return role == Role.OPERATOR;
  }
}
