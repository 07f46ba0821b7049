package io.herald.broadcasts;

import io.herald.accounts.Account;
import io.herald.accounts.AccountStore;
import io.herald.accounts.SenderKind;
import io.herald.accounts.SenderSettings;
import io.herald.accounts.Senders;
import io.herald.contacts.Audiences;
import io.herald.errors.Refusal;
import io.herald.ingest.Template;
import io.herald.jobs.JobLine;
import io.herald.jobs.JobStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts: a message from the SMS library to all contacts or some groups, counted, prepared
 * (the compliance checks), confirmed (the message, and for a send without refresh the recipients,
 * frozen), then approved (sent now or at its time) or rejected with a reason. Every step is in its
 * audit trail. Publishes {@link #AWAITING} and {@link #REJECTED} for notifications.
 */
public final class Broadcasts {
  /** {accountId, id, by}: a broadcast awaits approval. */
  public static final String AWAITING = "broadcasts.awaiting";
  /** {accountId, id, by, preparedBy, reason}: a broadcast was rejected. */
  public static final String REJECTED = "broadcasts.rejected";
  private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);
  private static final int SAMPLES = 5;

  private final BroadcastStore store;
  private final SmsLibrary library;
  private final Audiences audiences;
  private final AccountStore accounts;
  private final Senders senders;
  private final JobStore jobs;
  private final BroadcastSend send;
  private final EventBus bus;
  private final Clock clock;

  Broadcasts(BroadcastStore store, SmsLibrary library, Audiences audiences, AccountStore accounts, Senders senders,
             JobStore jobs, BroadcastSend send, EventBus bus, Clock clock) {
    this.store = store;
    this.library = library;
    this.audiences = audiences;
    this.accounts = accounts;
    this.senders = senders;
    this.jobs = jobs;
    this.send = send;
    this.bus = bus;
    this.clock = clock;
  }

  public Future<JsonObject> create(long accountId, String by, JsonObject body) {
    return store.enabled(accountId).compose(on -> accounts.account(accountId)).compose(account -> {
      BroadcastInput in = BroadcastInput.of(body, account.timeZone(), clock.instant());
      return audiences.check(accountId, in.groupIds(), in.phoneField()).compose(v -> library.find(accountId, in.smsId()))
          .compose(sms -> store.insert(accountId, by, in, sms.sender()))
          .compose(id -> store.event(store.pool(), id, by, "created", null).map(id));
    }).compose(id -> get(accountId, id));
  }

  /** A draft's choices changed: the same fields as a new one; its last count and checks are forgotten. */
  public Future<JsonObject> update(long accountId, long id, String by, JsonObject body) {
    return store.enabled(accountId).compose(on -> draft(accountId, id)).compose(b -> accounts.account(accountId))
        .compose(account -> {
          BroadcastInput in = BroadcastInput.of(body, account.timeZone(), clock.instant());
          return audiences.check(accountId, in.groupIds(), in.phoneField()).compose(v -> library.find(accountId, in.smsId()))
              .compose(sms -> store.pool().withTransaction(tx -> store.update(tx, id, in, sms.sender())
                  .compose(changed -> {
                    if (!changed) {
                      throw Refusal.conflict("the broadcast changed meanwhile: open it again");
                    }
                    return store.event(tx, id, by, "changed", null);
                  })));
        })
        .compose(v -> get(accountId, id));
  }

  public Future<JsonObject> list(long accountId) {
    return store.list(accountId).compose(all -> withJobs(all.stream().map(Broadcast::toJson).toList()))
        .map(list -> new JsonObject().put("broadcasts", new JsonArray(list)));
  }

  public Future<JsonObject> get(long accountId, long id) {
    return store.find(store.pool(), accountId, id)
        .compose(b -> Future.all(withJobs(List.of(b.toJson())), store.events(id))
            .map(all -> all.<List<JsonObject>>resultAt(0).get(0).put("events", all.<JsonArray>resultAt(1))));
  }

  /** Recipients and who is left out by reason, before anything is prepared. */
  public Future<JsonObject> count(long accountId, long id) {
    return draft(accountId, id).compose(b -> audience(accountId, b).map(found -> found.view))
        .compose(view -> store.saveCounts(id, view, null).map(view));
  }

  /** The compliance checks (and the count), shown before confirming. */
  public Future<JsonObject> prepare(long accountId, long id) {
    return draft(accountId, id).compose(b -> audience(accountId, b).compose(found -> checks(accountId, b, found)
        .compose(checks -> store.saveCounts(id, found.view, checks).map(checks))));
  }

  /** Freezes the message (and, without refresh, the recipients) and asks for approval. */
  public Future<JsonObject> confirm(long accountId, long id, String by) {
    return draft(accountId, id).compose(b -> audience(accountId, b).compose(found -> checks(accountId, b, found)
        .compose(checks -> {
          if (!checks.getBoolean("passed")) {
            throw Refusal.conflict("a check failed: " + failures(checks));
          }
          if (found.recipients.included().isEmpty()) {
            throw Refusal.conflict("the broadcast has no recipients");
          }
          return store.pool().withTransaction(tx -> store.move(tx, id, List.of("draft"), "awaiting approval",
                  "text = $4, counts = $5, checks = $6, prepared_by = $7, prepared_at = now(), sender = $8", found.text,
                  found.view, checks, by, checks.getString("sender"))
              .compose(moved -> {
                if (!moved) {
                  throw Refusal.conflict("the broadcast changed meanwhile: open it again");
                }
                return b.refresh() ? Future.succeededFuture() : store.freeze(tx, id, found.recipients.included());
              })
              .compose(v -> store.event(tx, id, by, "confirmed", found.recipients.included().size() + " recipients")));
        })))
        .onSuccess(v -> bus.publish(AWAITING, new JsonObject().put("accountId", accountId).put("id", id).put("by", by)))
        .compose(v -> get(accountId, id));
  }

  public Future<JsonObject> approve(long accountId, long id, String by) {
    return store.enabled(accountId).compose(on -> Future.all(store.find(store.pool(), accountId, id),
        store.settings(accountId))).compose(all -> {
      Broadcast b = all.resultAt(0);
      Compliance.Settings settings = all.resultAt(1);
      if (!"awaiting approval".equals(b.status())) {
        throw Refusal.conflict("the broadcast is " + b.status() + ": only one awaiting approval can be approved");
      }
      if (settings.fourEyes() && by.equalsIgnoreCase(b.preparedBy())) {
        throw Refusal.forbidden("four-eyes is on for this account: someone other than " + b.preparedBy()
            + ", who prepared it, approves it");
      }
      boolean later = b.sendAt() != null && b.sendAt().isAfter(clock.instant());
      return store.pool().withTransaction(tx -> store.move(tx, id, List.of("awaiting approval"),
              later ? "scheduled" : "approved", "decided_by = $4, decided_at = now()", by)
          .compose(moved -> {
            if (!moved) {
              throw Refusal.conflict("the broadcast changed meanwhile: open it again");
            }
            return store.event(tx, id, by, "approved", later ? "to be sent at " + b.sendAt() : "sent now");
          }))
          .onSuccess(v -> {
            if (!later) { // started here at once; should this node stop, BroadcastWatch sends it
              send.send(accountId, id).onFailure(e -> log.warn("broadcast {} was not sent: {}", id, e.getMessage()));
            }
          });
    }).compose(v -> get(accountId, id));
  }

  public Future<JsonObject> reject(long accountId, long id, String by, JsonObject body) {
    String reason = body.getValue("reason") instanceof String s ? s.strip() : "";
    if (reason.isEmpty()) {
      throw Refusal.invalid("reason", "say why the broadcast is rejected: the one who prepared it reads it", null);
    }
    return store.find(store.pool(), accountId, id).compose(b -> store.pool().withTransaction(tx -> store.move(tx, id,
            List.of("awaiting approval"), "rejected", "decided_by = $4, decided_at = now(), reject_reason = $5", by, reason)
        .compose(moved -> {
          if (!moved) {
            throw Refusal.conflict("the broadcast is " + b.status() + ": only one awaiting approval can be rejected");
          }
          return store.event(tx, id, by, "rejected", reason);
        }))
        .onSuccess(v -> bus.publish(REJECTED, new JsonObject().put("accountId", accountId).put("id", id).put("by", by)
            .put("preparedBy", b.preparedBy()).put("reason", reason))))
        .compose(v -> get(accountId, id));
  }

  public Future<JsonObject> cancel(long accountId, long id, String by) {
    return store.find(store.pool(), accountId, id).compose(b -> store.pool().withTransaction(tx -> store.move(tx, id,
            List.of("draft", "awaiting approval", "approved", "scheduled"), "cancelled", "")
        .compose(moved -> {
          if (!moved) {
            throw Refusal.conflict("the broadcast is " + b.status() + " and can no longer be cancelled");
          }
          return store.event(tx, id, by, "cancelled", null);
        }))).compose(v -> get(accountId, id));
  }

  public Future<JsonObject> settings(long accountId) {
    return store.settings(accountId).map(Compliance.Settings::toJson);
  }

  public Future<JsonObject> saveSettings(long accountId, JsonObject body) {
    return store.settings(accountId).compose(now -> store.saveSettings(accountId, BroadcastSettingsInput.of(body, now)))
        .compose(v -> settings(accountId));
  }

  private Future<Broadcast> draft(long accountId, long id) {
    return store.find(store.pool(), accountId, id).map(b -> {
      if (!"draft".equals(b.status())) {
        throw Refusal.conflict("the broadcast is " + b.status() + ": what was confirmed is not changed; make a new one");
      }
      return b;
    });
  }

  /** The audience as it is now, with the message it would get. */
  private record Audience(String text, Recipients recipients, JsonObject view) {}

  private Future<Audience> audience(long accountId, Broadcast b) {
    if (b.smsId() == null) {
      return Future.failedFuture(Refusal.conflict("the broadcast's message was deleted from the SMS library"));
    }
    return library.find(accountId, b.smsId()).compose(sms -> {
      if (!sms.errors().isEmpty()) {
        throw Refusal.conflict("the message '" + sms.name() + "' has errors: " + String.join("; ", sms.errors()));
      }
      return audiences.members(accountId, b.groupIds(), b.phoneField()).map(found -> {
        Recipients r = Recipients.of(found, b.duplicates(), Template.parse(sms.text()));
        JsonArray samples = new JsonArray();
        r.included().stream().limit(SAMPLES).forEach(x -> samples.add(new JsonObject().put("to", x.phone()).put("text", x.text())));
        JsonObject leftOut = new JsonObject();
        r.leftOut().forEach(leftOut::put);
        return new Audience(sms.text(), r, new JsonObject().put("recipients", r.included().size()).put("leftOut", leftOut)
            .put("samples", samples));
      });
    });
  }

  private Future<JsonObject> checks(long accountId, Broadcast b, Audience found) {
    return Future.all(accounts.account(accountId), senders.list(accountId), store.settings(accountId)).map(all -> {
      Account account = all.resultAt(0);
      List<SenderSettings> list = all.resultAt(1);
      SenderSettings sender = list.stream().filter(s -> b.sender() == null ? s.isDefault() : s.address().equals(b.sender()))
          .findFirst().orElseThrow(() -> Refusal.conflict("the message's sender is not one of this account's senders"));
      Instant at = b.sendAt() == null ? clock.instant() : b.sendAt();
      return Compliance.check(found.text, sender.address(), sender.kind() == SenderKind.ALPHANUMERIC, account.name(), at,
              ZoneId.of(b.timeZone()), found.recipients.included(), all.resultAt(2))
          .put("count", found.view).put("sender", sender.address());
    });
  }

  private static String failures(JsonObject checks) {
    return String.join("; ", checks.getJsonArray("checks").stream().map(c -> (JsonObject) c)
        .filter(c -> "fail".equals(c.getString("result"))).map(c -> c.getString("detail")).toList());
  }

  /** Sending broadcasts show their job's progress, and "completed" with its green or red line once it is done. */
  private Future<List<JsonObject>> withJobs(List<JsonObject> views) {
    List<Long> ids = views.stream().map(v -> v.getLong("jobId")).filter(j -> j != null).toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(views);
    }
    return jobs.byIds(ids).map(found -> {
      for (JsonObject v : views) {
        found.stream().filter(j -> j.getLong("id").equals(v.getLong("jobId"))).findFirst().ifPresent(job -> {
          JsonObject progress = new JsonObject();
          JobLine.apply(progress, job);
          v.put("progress", progress);
          if ("done".equals(progress.getString("status"))) {
            v.put("status", "completed");
          }
        });
      }
      return views;
    });
  }
}
