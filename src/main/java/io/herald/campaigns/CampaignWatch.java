package io.herald.campaigns;

import io.herald.jobs.JobStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the lists of a campaign that can no longer send as it was set up (its number deleted or no
 * longer taking replies), with the reason on each list's job, rather than texting from a number
 * its recipients cannot answer. Every node may run it: the stop is one conditional UPDATE. It also
 * tells of each list whose job ended.
 */
public final class CampaignWatch extends VerticleBase {
  /**
   * A list's job ended (Completed, Ended or Cancelled): {accountId, campaignId, campaign, listId, list,
   * status, counts}. Published on the node whose dispatch saw the job end.
   */
  public static final String LIST_FINISHED = "campaigns.lists.finished";
  private static final Logger log = LoggerFactory.getLogger(CampaignWatch.class);
  private final Pool pool;
  private final Campaigns campaigns;
  private final JobStore jobs;
  private final long everyMillis;
  private final java.util.function.Function<List<Long>, Future<List<io.vertx.core.json.JsonObject>>> finished;

  CampaignWatch(Pool pool, Campaigns campaigns, JobStore jobs, long everyMillis,
                java.util.function.Function<List<Long>, Future<List<io.vertx.core.json.JsonObject>>> finished) {
    this.finished = finished;
    this.pool = pool;
    this.campaigns = campaigns;
    this.jobs = jobs;
    this.everyMillis = everyMillis;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(io.herald.jobs.JobEvents.COMPLETED, m -> finished.apply(
            m.body().getJsonArray("jobIds").stream().map(id -> ((Number) id).longValue()).toList())
        .onSuccess(lists -> lists.forEach(l -> vertx.eventBus().publish(LIST_FINISHED, l)))
        .onFailure(e -> log.warn("finished campaign lists: {}", e.toString())));
    vertx.setPeriodic(everyMillis, id -> check().onFailure(e -> log.warn("campaign check failed: {}", e.toString())));
    return Future.succeededFuture();
  }

  Future<Void> check() {
    return pool.query("""
            SELECT DISTINCT c.id, c.account_id FROM campaigns c JOIN campaign_lists l ON l.campaign_id = c.id
            JOIN jobs j ON j.id = l.job_id WHERE c.state = 'active' AND j.status IN ('running', 'scheduled')""")
        .execute()
        .compose(rows -> {
          List<Future<?>> checks = new ArrayList<>();
          rows.forEach(r -> checks.add(campaigns.find(r.getLong("account_id"), r.getLong("id")).compose(this::stopIfNeeded)));
          return Future.join(checks).mapEmpty();
        });
  }

  private Future<Void> stopIfNeeded(Campaign c) {
    return campaigns.stopped(c).compose(reason -> reason.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery("SELECT job_id FROM campaign_lists WHERE campaign_id = $1 AND job_id IS NOT NULL")
            .execute(io.vertx.sqlclient.Tuple.of(c.id()))
            .compose(rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return jobs.stop(ids, "the campaign cannot send: " + reason.get());
            })
            .map(stopped -> {
              stopped.forEach(j -> {
                log.warn("campaign {} list job {} stopped: {}", c.id(), j, reason.get());
                campaigns.changed(c.accountId(), j);
              });
              return null;
            }));
  }
}
