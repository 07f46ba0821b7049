package io.herald.notify;

import io.herald.accounts.AccountStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Writes a notification to the outbox for the people who get it now, then wakes the sender. With
 * mail off nothing is written: turning it on later must not send a backlog of old news.
 */
final class Deliveries {
  private final Vertx vertx;
  private final boolean mailOn;
  private final Recipients recipients;
  private final Outbox outbox;
  private final AccountStore accounts;
  private final Letters letters;

  Deliveries(Vertx vertx, boolean mailOn, Recipients recipients, Outbox outbox, AccountStore accounts, Letters letters) {
    this.vertx = vertx;
    this.mailOn = mailOn;
    this.recipients = recipients;
    this.outbox = outbox;
    this.accounts = accounts;
    this.letters = letters;
  }

  boolean mailOn() {
    return mailOn;
  }

  Letters letters() {
    return letters;
  }

  /** The number of mails written (0 when nobody gets this kind, or this event was written before). */
  Future<Integer> deliver(Mail mail) {
    if (!mailOn || mail == null) {
      return Future.succeededFuture(0);
    }
    Future<List<String>> to = (mail.kind().forOperators() ? recipients.operators(mail.kind())
        : recipients.forAccount(mail.accountId(), mail.kind())).map(list -> {
          java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(list);
          all.addAll(mail.alsoTo());
          return List.copyOf(all);
        });
    Future<String> accountName = mail.accountId() == null ? Future.succeededFuture("")
        : accounts.account(mail.accountId()).map(a -> a.name());
    return Future.all(to, accountName).compose(both -> {
      List<String> addresses = both.resultAt(0);
      String[] bodies = letters.bodies(mail, both.resultAt(1));
      return outbox.add(mail, addresses, bodies[1], bodies[0]);
    }).onSuccess(n -> {
      if (n > 0) {
        vertx.eventBus().send(MailSender.WAKE, null);
      }
    });
  }
}
