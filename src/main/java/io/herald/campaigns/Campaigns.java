package io.herald.campaigns;

import io.herald.accounts.SenderKind;
import io.herald.accounts.SenderSettings;
import io.herald.accounts.Senders;
import io.herald.errors.Refusal;
import io.herald.jobs.JobEvents;
import io.herald.jobs.JobStore;
import io.herald.jobs.WeeklySchedule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns: created and changed by account admins, paused, resumed and archived. Pausing or
 * archiving reaches the jobs of its lists. Owns the campaigns table.
 */
public final class Campaigns {
  private static final String COLUMNS = """
      c.id, c.account_id, c.name, c.description, c.sender, c.language, c.answer_id, a.name AS answer_name, c.schedule,
      c.state, c.created_at""";
  private final Vertx vertx;
  private final Pool pool;
  private final Answers answers;
  private final Senders senders;
  private final JobStore jobs;

  public Campaigns(Vertx vertx, Pool pool, Answers answers, Senders senders, JobStore jobs) {
    this.vertx = vertx;
    this.pool = pool;
    this.answers = answers;
    this.senders = senders;
    this.jobs = jobs;
  }

  Future<List<Campaign>> list(long accountId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaigns c JOIN answers a ON a.id = c.answer_id"
            + " WHERE c.account_id = $1 ORDER BY c.id DESC")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          List<Campaign> list = new ArrayList<>();
          rows.forEach(r -> list.add(campaign(r)));
          return list;
        });
  }

  Future<Campaign> find(long accountId, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaigns c JOIN answers a ON a.id = c.answer_id"
            + " WHERE c.id = $1 AND c.account_id = $2")
        .execute(Tuple.of(id, accountId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Refusal.notFound("campaign");
          }
          return campaign(rows.iterator().next());
        });
  }

  Future<Campaign> create(long accountId, Long createdBy, JsonObject body) {
    CampaignInput in = CampaignInput.of(body, true);
    return checked(accountId, in.sender(), in.language(), in.answerId())
        .compose(v -> pool.preparedQuery("""
                INSERT INTO campaigns (account_id, name, description, sender, language, answer_id, schedule, created_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING id""")
            .execute(Tuple.from(new Object[] {accountId, in.name(), in.description(), in.sender(), in.language(),
                in.answerId(), in.schedule().toJson(), createdBy})))
        .compose(rows -> find(accountId, rows.iterator().next().getLong(0)));
  }

  /**
   * A changed schedule applies to the lists not yet finished too: dispatch checks it at send time,
   * so no text goes outside the new windows (one planned earlier than they open waits for them).
   */
  Future<Campaign> change(long accountId, long id, JsonObject body, List<Long> activeJobs) {
    CampaignInput in = CampaignInput.of(body, false);
    return find(accountId, id).compose(old -> {
      if ("archived".equals(old.state())) {
        return Future.failedFuture(Refusal.conflict("the campaign is archived and can no longer change"));
      }
      String sender = in.sender() != null ? in.sender() : old.sender();
      String language = in.language() != null ? in.language() : old.language();
      long answerId = in.answerId() != null ? in.answerId() : old.answerId();
      WeeklySchedule schedule = in.schedule() != null ? in.schedule() : old.schedule();
      return checked(accountId, sender, language, answerId)
          .compose(v -> pool.preparedQuery("""
                  UPDATE campaigns SET name = $3, description = $4, sender = $5, language = $6, answer_id = $7,
                         schedule = $8::jsonb WHERE id = $1 AND account_id = $2""")
              .execute(Tuple.from(new Object[] {id, accountId, in.name() != null ? in.name() : old.name(),
                  in.description() != null ? in.description() : old.description(), sender, language, answerId,
                  schedule.toJson()})))
          .compose(v -> in.schedule() == null ? Future.succeededFuture()
              : jobs.reschedule(activeJobs, schedule).onSuccess(n -> activeJobs.forEach(j -> changed(accountId, j))))
          .compose(v -> find(accountId, id));
    });
  }

  /** Pauses (or resumes) the campaign and each of its lists' jobs that can be. */
  Future<Campaign> pause(long accountId, long id, boolean pause, List<Long> jobIds) {
    return setState(accountId, id, pause ? "paused" : "active", List.of(pause ? "active" : "paused"),
        pause ? "paused" : "resumed")
        .compose(v -> Future.join(jobIds.stream().map(j -> (pause ? jobs.pause(accountId, j)
            : jobs.resume(accountId, j, java.time.Instant.now())).onSuccess(job -> changed(accountId, j))).toList())
            .otherwiseEmpty()) // a list that had finished or was cancelled stays as it is
        .compose(v -> find(accountId, id));
  }

  Future<Void> archive(long accountId, long id) {
    return setState(accountId, id, "archived", List.of("active", "paused"), "archived");
  }

  private Future<Void> setState(long accountId, long id, String to, List<String> from, String verb) {
    return pool.preparedQuery("UPDATE campaigns SET state = $3 WHERE id = $1 AND account_id = $2 AND state = ANY($4)")
        .execute(Tuple.of(id, accountId, to, from.toArray(String[]::new)))
        .compose(rows -> rows.rowCount() > 0 ? Future.<Void>succeededFuture() : find(accountId, id).compose(c ->
            Future.failedFuture(Refusal.conflict("the campaign is " + c.state() + "; only a " + String.join(" or ", from)
                + " campaign can be " + verb))));
  }

  void changed(long accountId, long jobId) {
    vertx.eventBus().publish(JobEvents.CHANGED, JobEvents.changed(accountId, jobId));
  }

  /** Why the campaign cannot send as it is, or empty: its number is gone or no longer takes replies. */
  Future<Optional<String>> stopped(Campaign c) {
    return senders.list(c.accountId()).map(list -> {
      Optional<SenderSettings> own = list.stream().filter(s -> s.address().equals(c.sender())).findFirst();
      if (own.isEmpty()) {
        return Optional.of("the phone number " + c.sender() + " is no longer one of the account's senders");
      }
      return own.get().takesReplies() ? Optional.empty()
          : Optional.of("the phone number " + c.sender() + " no longer takes replies");
    });
  }

  private Future<Void> checked(long accountId, String sender, String language, long answerId) {
    Future<List<SenderSettings>> own = senders.list(accountId);
    return Future.all(own, answers.find(accountId, answerId).recover(e -> Future.failedFuture(
            Refusal.invalid("answerId", "answerId " + answerId + " is not one of the account's messaging answers", answerId))))
        .compose(both -> {
          Answer answer = both.resultAt(1);
          if (!answer.language().equals(language)) {
            throw Refusal.invalid("answerId", "the answer '" + answer.name() + "' is in " + answer.language()
                + ", not in the campaign's language " + language, answerId);
          }
          SenderSettings s = own.result().stream().filter(x -> x.address().equals(sender)).findFirst()
              .orElseThrow(() -> Refusal.invalid("sender", "sender " + sender + " is not one of the account's senders",
                  sender));
          if (s.kind() == SenderKind.ALPHANUMERIC || !s.takesReplies()) {
            throw Refusal.invalid("sender", "sender " + sender + " cannot take replies"
                + (s.kind() == SenderKind.ALPHANUMERIC ? " (an alphanumeric sender has no number to answer)" : "")
                + ": a campaign needs a number its recipients can answer", sender);
          }
          return Future.<Void>succeededFuture();
        });
  }

  private static Campaign campaign(Row r) {
    return new Campaign(r.getLong("id"), r.getLong("account_id"), r.getString("name"), r.getString("description"),
        r.getString("sender"), r.getString("language"), r.getLong("answer_id"), r.getString("answer_name"),
        JobStore.schedule(r.getValue("schedule")), r.getString("state"), r.getOffsetDateTime("created_at").toInstant());
  }
}
