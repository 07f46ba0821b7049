package io.herald.accounts;

/**
 * What a create or a change of a sender sets; a null field is left as it is (on create: its
 * default). {@code clearTps} and {@code clearSmsc} remove the sender's own rate and route.
 */
public record SenderChange(String address, Boolean takesReplies, Double tps, boolean clearTps, String smsc,
                           boolean clearSmsc, Boolean isDefault, Boolean shared) {}
