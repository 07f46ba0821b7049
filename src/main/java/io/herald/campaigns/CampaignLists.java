package io.herald.campaigns;

import io.herald.errors.Refusal;
import io.herald.ingest.Intake;
import io.herald.ingest.JobWriter;
import io.herald.ingest.RecipientRow;
import io.herald.ingest.Template;
import io.herald.jobs.JobSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's recipient lists: a file read on a worker, then taken through the intake as one job
 * of kind campaign, or refused whole with its error log. Owns campaign_lists and campaign_list_errors.
 */
final class CampaignLists {
  private static final String COLUMNS = "id, campaign_id, name, job_id, start_at, end_at, recipients, duplicates, "
      + "opted_out, reason, created_at";

  /** A list as taken or refused, and the errors the answer shows (the first of them). */
  record Taken(CampaignList list, List<ListError> errors) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Intake intake;

  CampaignLists(Vertx vertx, Pool pool, Intake intake) {
    this.vertx = vertx;
    this.pool = pool;
    this.intake = intake;
  }

  Future<List<CampaignList>> of(long campaignId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaign_lists WHERE campaign_id = $1 ORDER BY id DESC")
        .execute(Tuple.of(campaignId))
        .map(rows -> {
          List<CampaignList> lists = new ArrayList<>();
          rows.forEach(r -> lists.add(list(r)));
          return lists;
        });
  }

  Future<CampaignList> find(long campaignId, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaign_lists WHERE campaign_id = $1 AND id = $2")
        .execute(Tuple.of(campaignId, id))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Refusal.notFound("recipient list");
          }
          return list(rows.iterator().next());
        });
  }

  /** Reads the file (deleted afterwards) and takes it, or keeps only why not. */
  Future<Taken> upload(Campaign campaign, Template answer, int maxRecipients, String region, Path file, String name,
                       Instant startAt, Instant endAt, Long createdBy) {
    return vertx.<RecipientFile.Reading>executeBlocking(() -> {
      try {
        return RecipientFile.read(file, answer, maxRecipients, region);
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    }, false).compose(reading -> reading.refused()
        ? refuse(campaign, name, startAt, endAt, reading)
        : take(campaign, answer, name, startAt, endAt, reading.rows(), createdBy));
  }

  private Future<Taken> refuse(Campaign campaign, String name, Instant startAt, Instant endAt, RecipientFile.Reading reading) {
    List<ListError> errors = reading.fileProblem() != null ? List.of() : reading.errors();
    return pool.withTransaction(tx -> insert(tx, campaign, name, null, startAt, endAt, 0, 0, 0, reading.reason())
        .compose(list -> errors.isEmpty() ? Future.succeededFuture(list)
            : tx.preparedQuery("INSERT INTO campaign_list_errors (list_id, row_no, reason, cells) VALUES ($1, $2, $3, $4)"
                    + " ON CONFLICT DO NOTHING")
                .executeBatch(errors.stream().map(e -> Tuple.of(list.id(), e.row(), e.reason(),
                    e.cells().toArray(String[]::new))).toList())
                .map(list)))
        .map(list -> new Taken(list, errors.subList(0, Math.min(20, errors.size()))));
  }

  private Future<Taken> take(Campaign campaign, Template answer, String name, Instant startAt, Instant endAt,
                             List<ListRow> rows, Long createdBy) {
    JobSpec spec = new JobSpec(campaign.accountId(), "campaign", campaign.name() + " · " + name, "bulk", campaign.sender(),
        campaign.schedule(), startAt, endAt, createdBy);
    return intake.take(campaign.accountId(), taking -> taking.open(spec, answer)
            .compose(jobId -> addAll(taking, rows, 0)
                .compose(v -> taking.finish())
                .compose(summary -> {
                  int duplicates = count(summary, "duplicate");
                  int optedOut = count(summary, "opted out");
                  if (summary.rejected() > duplicates + optedOut) {
                    taking.abandon(); // a text the answer cannot make for this row: nothing is sent
                    var r = summary.rejections().stream().filter(x -> !x.reason().contains("duplicate")
                        && !x.reason().contains("opted out")).findFirst().orElseThrow();
                    return Future.failedFuture(Refusal.invalid("file", "row " + r.row() + ": " + r.reason(), null));
                  }
                  return insert(taking.tx(), campaign, name, jobId, startAt, endAt, (int) summary.accepted() + optedOut,
                      duplicates, optedOut, null);
                })))
        .map(taken -> new Taken(taken.value(), List.of()));
  }

  private static Future<Void> addAll(Intake.Taking taking, List<ListRow> rows, int from) {
    Future<Void> step = Future.succeededFuture();
    for (int i = from; i < rows.size(); i++) {
      ListRow r = rows.get(i);
      RecipientRow row = new RecipientRow(r.row(), r.to(), null, r.vars(), r.name().isEmpty() ? null : r.name(),
          r.timeZone(), null, true);
      Future<Void> added = taking.add(row);
      if (!added.isComplete()) { // a batch is being written: go on once it is
        int next = i + 1;
        return added.compose(v -> addAll(taking, rows, next));
      }
      step = added;
    }
    return step;
  }

  private static int count(JobWriter.Summary summary, String reason) {
    return (int) summary.rejections().stream().filter(r -> r.reason().contains(reason)).count();
  }

  private Future<CampaignList> insert(SqlClient tx, Campaign campaign, String name, Long jobId, Instant startAt, Instant endAt,
                                      int recipients, int duplicates, int optedOut, String reason) {
    return tx.preparedQuery("""
            INSERT INTO campaign_lists (campaign_id, account_id, name, job_id, start_at, end_at, recipients, duplicates,
                                        opted_out, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING
            """ + COLUMNS)
        .execute(Tuple.from(new Object[] {campaign.id(), campaign.accountId(), name, jobId, utc(startAt), utc(endAt),
            recipients, duplicates, optedOut, reason}))
        .map(rows -> list(rows.iterator().next()));
  }

  /** The error log: the reason in column A, then the row number and the row as written. */
  Future<List<List<Object>>> errors(long listId) {
    return pool.preparedQuery("SELECT row_no, reason, cells FROM campaign_list_errors WHERE list_id = $1 ORDER BY row_no, reason")
        .execute(Tuple.of(listId))
        .map(rows -> {
          List<List<Object>> lines = new ArrayList<>();
          rows.forEach(r -> {
            List<Object> line = new ArrayList<>(List.of(r.getString("reason"), r.getLong("row_no")));
            line.addAll(List.of(r.getArrayOfStrings("cells")));
            lines.add(line);
          });
          return lines;
        });
  }

  private static java.time.OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
  }

  private static CampaignList list(Row r) {
    var end = r.getOffsetDateTime("end_at");
    return new CampaignList(r.getLong("id"), r.getLong("campaign_id"), r.getString("name"), r.getLong("job_id"),
        r.getOffsetDateTime("start_at").toInstant(), end == null ? null : end.toInstant(), r.getInteger("recipients"),
        r.getInteger("duplicates"), r.getInteger("opted_out"), r.getString("reason"),
        r.getOffsetDateTime("created_at").toInstant());
  }
}
