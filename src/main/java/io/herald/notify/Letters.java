package io.herald.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The words of each notification: a subject that says what happened, the facts a person acts on,
 * and a link to the page that shows the rest. No phone numbers and no message texts: a clinic's
 * mail is often read where patient data must not be.
 */
final class Letters {
  /** The admin UI's address as mail readers reach it (known once the HTTP server listens). */
  private final java.util.function.Supplier<String> publicUrl;

  Letters(java.util.function.Supplier<String> publicUrl) {
    this.publicUrl = publicUrl;
  }

  String url(String page) {
    return publicUrl.get() + "/" + page;
  }

  /** A drop file was refused, or processed with some rows rejected; null when neither. */
  Mail dropFile(JsonObject file) {
    long id = file.getLong("fileId");
    String name = file.getString("name");
    String profile = file.getString("profile");
    if ("error".equals(file.getString("status"))) {
      return new Mail(NotificationKind.DROP_REFUSED, "drop:" + id, file.getLong("accountId"),
          "Drop & Go: " + name + " refused: " + file.getString("reason"),
          "The file " + name + " dropped for the profile " + profile + " was refused, so nothing from it was sent.\n\n"
              + "Why: " + file.getString("reason") + "\n\nThe result file with the reason is in the profile's error/ "
              + "folder on the FTP site, and the file's report is at the link below.",
          url("rejects.html?file=" + id));
    }
    long rejected = file.getLong("rejected", 0L);
    if (!"processed".equals(file.getString("status")) || rejected == 0) {
      return null;
    }
    long rows = file.getLong("rows", 0L);
    return new Mail(NotificationKind.DROP_REJECTED, "drop:" + id, file.getLong("accountId"),
        "Drop & Go: " + name + " processed, " + rejected + " of " + rows + " rows rejected",
        "The file " + name + " dropped for the profile " + profile + " was processed: " + file.getLong("accepted", 0L)
            + " messages are on their way, and " + rejected + " of its " + rows + " rows were rejected.\n\n"
            + "The rejected rows and why each was rejected are in the result file in the profile's processed/ folder "
            + "on the FTP site, and at the link below.",
        url("rejects.html?file=" + id));
  }

  Mail jobFailed(JobFacts job) {
    String name = job.name() == null || job.name().isBlank() ? "Job " + job.id() : "'" + job.name() + "'";
    return new Mail(NotificationKind.JOB_FAILED, "job.failed:" + job.id(), job.accountId(),
        "Job " + name + " finished: " + job.failed() + " of " + job.total() + " messages failed",
        "The job " + name + " has finished. " + (job.total() - job.failed()) + " of its " + job.total()
            + " messages went through and " + job.failed() + " did not.\n\n"
            + "The failure report (who did not get the text and why) can be downloaded from the job's page: "
            + url("api/v1/jobs/" + job.id() + "/report.csv?failed=true"),
        url("job.html?id=" + job.id()));
  }

  /** A mass text alert went through: the green line, or the red one with the exact failed count. */
  Mail alertFinished(JobFacts job) {
    String line = job.failed() == 0 ? (job.total() == 1 ? "the message was sent" : "all " + job.total() + " messages were sent")
        : job.failed() + " of " + job.total() + " messages failed";
    return new Mail(NotificationKind.ALERT_FINISHED, "alert.finished:" + job.id(), job.accountId(),
        "Mass text alert finished: " + line,
        "The mass text alert has gone through: " + line + "."
            + (job.failed() == 0 ? "" : "\n\nThe report on the Mass Text Alerts page says who did not get it and why, "
                + "so they can be reached another way."),
        url("alerts.html"));
  }

  Mail jobPaused(JsonObject paused) {
    long id = paused.getLong("jobId");
    String name = paused.getString("name") == null || paused.getString("name").isBlank() ? "Job " + id
        : "'" + paused.getString("name") + "'";
    return new Mail(NotificationKind.JOB_PAUSED, "job.paused:" + id + ":" + paused.getString("at"),
        paused.getLong("accountId"), "Job " + name + " paused itself: " + paused.getString("reason"),
        "Herald paused the job " + name + " because " + paused.getString("reason") + ".\n\n"
            + "Nothing more of it is sent until someone resumes it. Check the cause first (the SMSC connection, "
            + "the numbers in the list), then resume it with one click on the job's page.",
        url("job.html?id=" + id));
  }

  Mail smscDown(String connection, Instant since, java.time.Duration down, String lastError) {
    String howLong = down.toMinutes() >= 1 ? down.toMinutes() + (down.toMinutes() == 1 ? " minute" : " minutes")
        : down.toSeconds() + " seconds";
    return new Mail(NotificationKind.SMSC_DOWN, "smsc.down:" + connection + ":" + since.toEpochMilli(), null,
        "SMSC connection '" + connection + "' down for " + howLong,
        "The SMSC connection '" + connection + "' has not been bound since " + since + " (UTC)."
            + (lastError == null ? "" : "\n\nLast error: " + lastError)
            + "\n\nTexts routed only through it wait in the queue until it is back.",
        url("smsc.html"));
  }

  /** A campaign's list went through (Completed), or its end came first (Ended), or it was cancelled. */
  Mail campaignList(JsonObject list) {
    JsonObject c = list.getJsonObject("counts");
    String status = list.getString("status");
    String what = "Campaign '" + list.getString("campaign") + "': list " + list.getString("list");
    String subject = switch (status) {
      case "Ended" -> what + " ended, " + c.getLong("notContacted") + " of " + c.getLong("recipients") + " not contacted";
      case "Cancelled" -> what + " cancelled";
      default -> what + " completed: " + c.getLong("delivered") + " of " + c.getLong("recipients") + " delivered";
    };
    return new Mail(NotificationKind.CAMPAIGN_LIST_ENDED, "campaign.list:" + list.getLong("listId"), list.getLong("accountId"),
        subject, what + " is " + status.toLowerCase(java.util.Locale.ROOT) + ". Of its " + c.getLong("recipients")
            + " recipients, " + c.getLong("sent") + " were sent the text, " + c.getLong("delivered") + " delivered, "
            + c.getLong("failed") + " failed, " + c.getLong("notContacted") + " not contacted"
            + ("Ended".equals(status) ? " (the outreach end came before their send window)" : "") + "; "
            + c.getLong("replied") + " replied so far. Replies are in the campaign number's inbox.",
        url("campaign.html?id=" + list.getLong("campaignId")));
  }

  Mail broadcastAwaiting(JsonObject b) {
    return new Mail(NotificationKind.BROADCAST_AWAITING, "broadcast.awaiting:" + b.getLong("id"), b.getLong("accountId"),
        "Broadcast " + b.getLong("id") + " awaits approval",
        b.getString("by") + " prepared broadcast " + b.getLong("id") + " and confirmed that it complies with the mailing"
            + " standards. An account admin approves it (it is then sent) or rejects it with a reason.",
        url("broadcasts.html?id=" + b.getLong("id")));
  }

  Mail broadcastRejected(JsonObject b) {
    String preparer = b.getString("preparedBy");
    return new Mail(NotificationKind.BROADCAST_REJECTED, "broadcast.rejected:" + b.getLong("id"), b.getLong("accountId"),
        "Broadcast " + b.getLong("id") + " was rejected",
        b.getString("by") + " rejected broadcast " + b.getLong("id") + ": " + b.getString("reason")
            + ". Nothing was sent; prepare a new one with the message changed.",
        url("broadcasts.html?id=" + b.getLong("id")), preparer == null ? java.util.List.of() : java.util.List.of(preparer));
  }

  Mail unmatchedReceipts(long count, Instant hour) {
    return new Mail(NotificationKind.RECEIPTS_UNMATCHED, "receipts.unmatched:" + hour.getEpochSecond(), null,
        count + " delivery receipts in the last hour match no message",
        count + " delivery receipts received in the hour before " + hour + " (UTC) match no message Herald sent. "
            + "An SMSC may be sending receipts with message ids in another form than its submit answers "
            + "(see the connection's receiptIdFormat), or for another system's traffic.",
        url("smsc.html"));
  }

  Mail outboxFailing(long count, Instant hour) {
    return new Mail(NotificationKind.OUTBOX_FAILING, "outbox.failing:" + hour.getEpochSecond(), null,
        count + " notification mails could not be sent in the last hour",
        count + " notification mails written in the hour before " + hour + " (UTC) were given up on. "
            + "The outbox shows each one with the mail server's answer.",
        url("outbox.html"));
  }

  Mail test(long accountId, String accountName, String by) {
    return new Mail(NotificationKind.TEST, "test:" + java.util.UUID.randomUUID(), accountId,
        "Herald: test mail for the account " + accountName,
        by + " asked Herald to send this test mail to the notification recipients of the account " + accountName
            + ". If you can read it, notifications reach you.",
        url("notifications.html"));
  }

  /** How to stop this mail, in every mail. */
  String footer(Mail mail, String accountName) {
    return mail.kind().forOperators()
        ? "You get this because you are a Herald operator. To stop this kind of mail for yourself, turn it off under "
            + "'My notifications' at " + url("notifications.html") + "."
        : "You get this because this address is a notification recipient of the account " + accountName
            + ". Account admins choose who gets which mail at " + url("notifications.html")
            + "; a user can turn off a kind for themselves under 'My notifications' there.";
  }

  /** The plain text and the simple HTML of a mail. */
  String[] bodies(Mail mail, String accountName) {
    String footer = footer(mail, accountName);
    String text = mail.text() + "\n\nOpen: " + mail.link() + "\n\n-- \n" + footer + "\n";
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    for (String paragraph : mail.text().split("\n\n")) {
      html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>");
    }
    html.append("<p><a href=\"").append(escape(mail.link())).append("\">Open in Herald</a></p>")
        .append("<hr><p style=\"color:#666;font-size:small\">").append(escape(footer)).append("</p></body></html>");
    return new String[] {text, html.toString()};
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
