package io.herald.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a notification is about, and who it is for: an account's recipients or the operators. */
public enum NotificationKind {
  DROP_REJECTED("drop.rejected", false, "A drop file was processed with rejected rows"),
  DROP_REFUSED("drop.refused", false, "A drop file was refused"),
  JOB_FAILED("job.failed", false, "A job finished with failed messages"),
  JOB_PAUSED("job.paused", false, "A job paused itself"),
  ALERT_FINISHED("alert.finished", false, "A mass text alert finished"),
  BROADCAST_AWAITING("broadcast.awaiting", false, "A broadcast awaits approval"),
  BROADCAST_APPROVED("broadcast.approved", false, "A broadcast was approved"),
  BROADCAST_REJECTED("broadcast.rejected", false, "A broadcast was rejected"),
  CAMPAIGN_LIST_ENDED("campaign.list.ended", false, "A campaign recipient list completed or ended"),
  SMSC_DOWN("smsc.down", true, "An SMSC connection has been down too long"),
  RECEIPTS_UNMATCHED("receipts.unmatched", true, "Receipts match no message"),
  OUTBOX_FAILING("outbox.failing", true, "Notification mails cannot be sent"),
  TEST("test", false, "A test mail");

  private final String key;
  private final boolean forOperators;
  private final String label;

  NotificationKind(String key, boolean forOperators, String label) {
    this.key = key;
    this.forOperators = forOperators;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public boolean forOperators() {
    return forOperators;
  }

  public String label() {
    return label;
  }

  /** The kinds a person can turn on and off (a test mail is only ever asked for). */
  public static List<NotificationKind> choosable(boolean operators) {
    return Arrays.stream(values()).filter(k -> k != TEST && k.forOperators == operators).toList();
  }

  public static Optional<NotificationKind> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
