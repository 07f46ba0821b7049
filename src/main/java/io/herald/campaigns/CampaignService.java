package io.herald.campaigns;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Senders;
import io.herald.errors.Refusal;
import io.herald.ingest.Intake;
import io.herald.ingest.Template;
import io.herald.jobs.JobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Proactive SMS as the API sees it: campaigns with their lists, statuses and counts, uploads, the error log. */
public final class CampaignService {
  public static final String TEMPLATE_CSV = "timezone,phone_number,name\r\n"
      + "America/New_York,1-202-555-0143,Ana\r\nAmerica/Chicago,1-312-555-0199,Ben\r\nAmerica/Los_Angeles,+12135550127,Cy\r\n";
  private static final String NOT_ON = "Proactive SMS is not turned on for this account: ask your Herald operator";
  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore accounts;
  private final JobStore jobs;
  private final Answers answers;
  private final Campaigns campaigns;
  private final CampaignLists lists;
  private final CampaignActivity activity;
  private final Clock clock;
  private final int maxScheduleDays;

  public CampaignService(Vertx vertx, Pool pool, AccountStore accounts, Senders senders, JobStore jobs, Intake intake,
                         int maxParts, int maxScheduleDays, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.jobs = jobs;
    this.answers = new Answers(pool, maxParts);
    this.campaigns = new Campaigns(vertx, pool, answers, senders, jobs);
    this.lists = new CampaignLists(vertx, pool, intake);
    this.activity = new CampaignActivity(pool);
    this.clock = clock;
    this.maxScheduleDays = maxScheduleDays;
  }

  /** Stops the lists of campaigns whose number went away; run it on every node. */
  public CampaignWatch watch(long everyMillis) {
    return new CampaignWatch(pool, campaigns, jobs, everyMillis, this::finishedLists);
  }

  public Answers answers() {
    return answers;
  }

  /** Where an upload is streamed to before it is read. */
  public Path newUploadFile() throws java.io.IOException {
    return Files.createTempFile("herald-campaign-", ".csv");
  }

  public Future<JsonArray> list(long accountId) {
    return campaigns.list(accountId).compose(all -> Future.all(all.stream().map(c -> view(c, false)).toList())
        .map(views -> new JsonArray(views.list())));
  }

  public Future<JsonObject> get(long accountId, long id) {
    return campaigns.find(accountId, id).compose(c -> view(c, true));
  }

  public Future<JsonObject> create(long accountId, Long userId, JsonObject body) {
    return maxRecipients(accountId).compose(on -> campaigns.create(accountId, userId, body)).compose(c -> view(c, true));
  }

  public Future<JsonObject> change(long accountId, long id, JsonObject body) {
    return liveJobs(id).compose(jobIds -> campaigns.change(accountId, id, body, jobIds)).compose(c -> view(c, true));
  }

  public Future<JsonObject> pause(long accountId, long id, boolean pause) {
    return liveJobs(id).compose(jobIds -> campaigns.pause(accountId, id, pause, jobIds)).compose(c -> view(c, true));
  }

  /** Archiving ends what is not sent yet: its lists are cancelled. */
  public Future<JsonObject> archive(long accountId, long id) {
    return campaigns.archive(accountId, id).compose(v -> liveJobs(id))
        .compose(jobIds -> Future.join(jobIds.stream().map(j -> jobs.cancel(accountId, j)
            .onSuccess(change -> campaigns.changed(accountId, j))).toList()).otherwiseEmpty())
        .compose(v -> get(accountId, id));
  }

  public Future<JsonObject> cancelList(long accountId, long campaignId, long listId) {
    return campaigns.find(accountId, campaignId).compose(c -> lists.find(campaignId, listId)).compose(list -> {
      if (list.jobId() == null) {
        return Future.failedFuture(Refusal.conflict("the list was refused, so there is nothing to cancel"));
      }
      return jobs.cancel(accountId, list.jobId()).onSuccess(change -> campaigns.changed(accountId, list.jobId()))
          .compose(change -> listViews(List.of(list), campaignId)).map(views -> views.get(0));
    });
  }

  /** Takes a list, or refuses it whole: the answer then holds the reason, the first errors and the error log. */
  public Future<JsonObject> upload(long accountId, Long userId, long campaignId, Path file, String name, String startAt,
                                   String endAt) {
    return Future.all(campaigns.find(accountId, campaignId), accounts.account(accountId), maxRecipients(accountId))
        .compose(all -> {
          Campaign c = all.resultAt(0);
          io.herald.accounts.Account account = all.resultAt(1);
          if ("archived".equals(c.state())) {
            throw Refusal.conflict("the campaign is archived: create a new one for new recipients");
          }
          OutreachTimes.Window window = OutreachTimes.of(startAt, endAt, account.timeZone(), clock.instant(), maxScheduleDays);
          return Future.all(campaigns.stopped(c), answers.find(accountId, c.answerId())).compose(checks -> {
            java.util.Optional<String> stopped = checks.resultAt(0);
            if (stopped.isPresent()) {
              throw Refusal.conflict("the campaign cannot send: " + stopped.get());
            }
            Answer answer = checks.resultAt(1);
            return lists.upload(c, Template.parse(answer.text()), all.resultAt(2), account.defaultRegion(), file, name,
                window.start(), window.end(), userId);
          });
        })
        .compose(taken -> listViews(List.of(taken.list()), campaignId).map(views -> views.get(0)
            .put("errors", new JsonArray(taken.errors().stream().map(ListError::toJson).toList()))))
        .onFailure(e -> vertx.executeBlocking(() -> Files.deleteIfExists(file), false));
  }

  public Future<List<List<Object>>> errorLog(long accountId, long campaignId, long listId) {
    return campaigns.find(accountId, campaignId).compose(c -> lists.find(campaignId, listId))
        .compose(list -> lists.errors(list.id()).map(lines -> {
          if (lines.isEmpty() && list.reason() != null) {
            return List.of(List.of(list.reason()));
          }
          return lines;
        }));
  }

  public Future<JsonObject> activity(long accountId, long id) {
    return campaigns.find(accountId, id).compose(c -> lists.of(id))
        .compose(all -> activity.hourly(jobIds(all)))
        .map(hours -> new JsonObject().put("hours", hours));
  }

  /** The most recipients one list may have, once the account may run campaigns at all (operators set both). */
  private Future<Integer> maxRecipients(long accountId) {
    return pool.preparedQuery("SELECT campaigns, max_list_recipients FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .map(rows -> {
          var r = rows.iterator().next();
          if (!r.getBoolean("campaigns")) {
            throw Refusal.forbidden(NOT_ON);
          }
          return r.getInteger("max_list_recipients");
        });
  }

  private Future<List<Long>> liveJobs(long campaignId) {
    return lists.of(campaignId).map(CampaignService::jobIds);
  }

  private static List<Long> jobIds(List<CampaignList> all) {
    return all.stream().filter(l -> l.jobId() != null).map(CampaignList::jobId).toList();
  }

  /** The lists these ended jobs belong to, with their campaign, status and counts (jobs of other kinds are none). */
  Future<List<JsonObject>> finishedLists(List<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("""
            SELECT l.campaign_id, l.account_id, c.name FROM campaign_lists l JOIN campaigns c ON c.id = l.campaign_id
            WHERE l.job_id = ANY($1)""")
        .execute(Tuple.of(jobIds.toArray(Long[]::new)))
        .compose(rows -> {
          List<Future<List<JsonObject>>> each = new ArrayList<>();
          rows.forEach(r -> {
            long campaignId = r.getLong("campaign_id");
            String name = r.getString("name");
            long accountId = r.getLong("account_id");
            each.add(lists.of(campaignId).compose(all -> listViews(all.stream()
                    .filter(l -> l.jobId() != null && jobIds.contains(l.jobId())).toList(), campaignId))
                .map(views -> views.stream().map(v -> v.put("accountId", accountId).put("campaign", name)
                    .put("listId", v.getLong("id")).put("list", v.getString("name"))).toList()));
          });
          return Future.all(each).map(all -> {
            List<JsonObject> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
              out.addAll(all.<List<JsonObject>>resultAt(i));
            }
            return out;
          });
        });
  }

  private Future<JsonObject> view(Campaign c, boolean withLists) {
    return Future.all(lists.of(c.id()).compose(all -> listViews(all, c.id())), campaigns.stopped(c)).map(both -> {
      List<JsonObject> views = both.resultAt(0);
      java.util.Optional<String> stopped = both.resultAt(1);
      JsonObject counts = new JsonObject();
      views.stream().filter(v -> v.getLong("jobId") != null).forEach(v -> ListStatus.add(counts, v.getJsonObject("counts")));
      JsonObject json = new JsonObject().put("id", c.id()).put("name", c.name()).put("description", c.description())
          .put("sender", c.sender()).put("language", c.language()).put("answerId", c.answerId())
          .put("answerName", c.answerName()).put("schedule", c.schedule().toJson()).put("state", c.state())
          .put("status", ListStatus.campaign(c.state(), views.stream().map(v -> v.getString("status")).toList()))
          .put("stoppedReason", "archived".equals(c.state()) ? null : stopped.orElse(null))
          .put("counts", counts.isEmpty() ? ListStatus.counts(new CampaignList(0, 0, "", null, null, null, 0, 0, 0, null,
              null), null, 0) : counts)
          .put("lists", views.size()).put("createdAt", c.createdAt().toString());
      if (withLists) {
        json.put("lists", new JsonArray(views));
      }
      return json;
    });
  }

  private Future<List<JsonObject>> listViews(List<CampaignList> all, long campaignId) {
    List<Long> jobIds = jobIds(all);
    return Future.all(jobs.byIds(jobIds), activity.replied(jobIds)).map(both -> {
      Map<Long, JsonObject> byJob = new HashMap<>();
      List<JsonObject> found = both.resultAt(0);
      found.forEach(j -> byJob.put(j.getLong("id"), j));
      Map<Long, Long> replied = both.resultAt(1);
      List<JsonObject> views = new ArrayList<>();
      for (CampaignList l : all) {
        JsonObject job = l.jobId() == null ? null : byJob.get(l.jobId());
        String base = "/api/v1/campaigns/" + campaignId + "/lists/" + l.id();
        views.add(new JsonObject().put("id", l.id()).put("campaignId", l.campaignId()).put("name", l.name())
            .put("createdAt", l.createdAt().toString()).put("startAt", l.startAt().toString())
            .put("endAt", l.endAt() == null ? null : l.endAt().toString())
            .put("status", job == null ? ListStatus.REFUSED : ListStatus.of(job))
            .put("firstSendAt", job == null ? null : job.getString("firstSendAt"))
            .put("reason", l.reason()).put("pausedReason", job == null ? null : job.getString("pausedReason"))
            .put("errorLog", l.jobId() == null ? base + "/errors.csv" : null)
            .put("duplicates", l.duplicates()).put("optedOut", l.optedOut()).put("jobId", l.jobId())
            .put("counts", ListStatus.counts(l, job, l.jobId() == null ? 0 : replied.getOrDefault(l.jobId(), 0L))));
      }
      return views;
    });
  }
}
