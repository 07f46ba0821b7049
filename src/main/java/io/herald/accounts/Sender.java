package io.herald.accounts;

public record Sender(long id, long accountId, String address, SenderKind kind, boolean isDefault) {}
