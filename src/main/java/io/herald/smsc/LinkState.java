package io.herald.smsc;

/** How a connection stands right now, for /health and the operators' API. */
public record LinkState(String name, String state, String lastError) {
  public static final String BOUND = "bound";

  public boolean bound() {
    return BOUND.equals(state);
  }
}
