package io.herald.smsc;

/** One text to put on the wire: source address as the account knows it, E.164 destination. */
public record Sms(String source, String destination, String body) {}
