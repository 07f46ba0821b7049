package io.herald.config;

/** A configuration problem, worded for the operator: names the key and what is wrong with it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
