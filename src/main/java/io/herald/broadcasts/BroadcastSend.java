package io.herald.broadcasts;

import io.herald.contacts.Audiences;
import io.herald.errors.Refusal;
import io.herald.ingest.Intake;
import io.herald.ingest.RecipientRow;
import io.herald.ingest.Template;
import io.herald.jobs.JobSpec;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * An approved broadcast goes to the intake as one job in the bulk lane: to its frozen recipients
 * with their frozen texts, or (refresh) to the groups' members as they are at send time. Opt-outs
 * always apply at send time: the intake skips a number that opted out since.
 */
final class BroadcastSend {
  private static final List<String> DUE = List.of("approved", "scheduled");
  private final BroadcastStore store;
  private final Audiences audiences;
  private final Intake intake;

  BroadcastSend(BroadcastStore store, Audiences audiences, Intake intake) {
    this.store = store;
    this.audiences = audiences;
    this.intake = intake;
  }

  /**
   * Sends an approved (or due scheduled) broadcast. It becomes "sending" in the intake's own
   * transaction, so its texts and its status commit together: a node that stops halfway leaves it
   * approved, to be sent again whole, and a second send trying meanwhile (another node, the watch)
   * finds it taken and keeps nothing. When it cannot be sent (a group was deleted, nobody is left) nothing is, and it
   * goes back to awaiting approval with the reason in its trail.
   */
  Future<Void> send(long accountId, long id) {
    return store.find(store.pool(), accountId, id).compose(b -> recipients(accountId, b).compose(list -> {
      if (list.isEmpty()) {
        throw Refusal.conflict("the broadcast has no recipients left");
      }
      JobSpec spec = new JobSpec(accountId, "broadcast", "Broadcast " + id, "bulk", b.sender(), null, null, null, null);
      return intake.take(accountId, taking -> store.claim(taking.tx(), id).compose(claimed -> {
        if (!claimed) {
          taking.abandon();
          return Future.succeededFuture();
        }
        return taking.open(spec, null).compose(jobId -> {
          if (Recipients.PER_CONTACT.equals(b.duplicates())) {
            taking.allowRepeatedNumbers();
          }
          return addAll(taking, list, 0).compose(v -> taking.finish())
              .compose(summary -> taking.tx().preparedQuery("UPDATE broadcasts SET job_id = $2 WHERE id = $1")
                  .execute(Tuple.of(id, jobId))
                  .compose(x -> store.event(taking.tx(), id, null, "sending", summary.accepted() + " texts queued, "
                      + summary.rejected() + " skipped (opted out since)")));
        });
      }));
    })).<Void>mapEmpty().recover(e -> store.pool().withTransaction(tx -> store.move(tx, id, DUE, "awaiting approval",
            "decided_by = NULL, decided_at = NULL")
        .compose(moved -> moved ? store.event(tx, id, null, "not sent", e.getMessage()) : Future.succeededFuture()))
        .compose(v -> Future.failedFuture(e)));
  }

  private static Future<Void> addAll(Intake.Taking taking, List<Recipients.Recipient> list, int from) {
    Future<Void> step = Future.succeededFuture();
    for (int i = from; i < list.size(); i++) {
      Recipients.Recipient r = list.get(i);
      Future<Void> added = taking.add(new RecipientRow(i + 1, r.phone(), r.text(), null, null, r.zone(), null, true));
      if (!added.isComplete()) { // a batch is being written: go on once it is
        int next = i + 1;
        return added.compose(v -> addAll(taking, list, next));
      }
      step = added;
    }
    return step;
  }

  private Future<List<Recipients.Recipient>> recipients(long accountId, Broadcast b) {
    if (!b.refresh()) {
      return store.frozen(b.id());
    }
    return audiences.members(accountId, b.groupIds(), b.phoneField())
        .map(found -> Recipients.of(found, b.duplicates(), Template.parse(b.text())).included());
  }
}
