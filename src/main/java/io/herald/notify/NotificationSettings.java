package io.herald.notify;

import java.util.List;
import java.util.Map;

/** An account's notification recipients and, per kind, whether it is on. */
public record NotificationSettings(List<String> recipients, Map<NotificationKind, Boolean> events) {}
