package io.herald.accounts;

/** Who is calling: a user of one account, or an operator (accountId null). */
public record Principal(long userId, Long accountId, String email, Role role) {
  public boolean isOperator() {
    return role == Role.OPERATOR;
  }
}
