package io.herald.drop;

import io.herald.ingest.Rejection;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for Drop &amp; Go: the account switch, drop profiles, received files and their rejected rows,
 * conversation locks, and the contact fields a drop file saves. (Reports read in {@link DropReports}; keywords in
 * {@link MessageKeywordStore}.)
 */
public final class DropStore {
  private static final String PROFILE_COLUMNS = """
      p.id, p.account_id, p.name, p.username, p.password_hash, p.enabled, p.has_header, p.columns, p.template,
      p.send_at_format, p.time_zone, p.conversation_lock, p.sender, p.purpose, p.created_at, p.updated_at""";

  private final Pool pool;

  public DropStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }


  public Future<List<DropProfile>> profiles(long accountId) {
    return pool.preparedQuery("SELECT " + PROFILE_COLUMNS + " FROM drop_profiles p WHERE p.account_id = $1 ORDER BY p.id")
        .execute(Tuple.of(accountId)).map(rows -> {
          List<DropProfile> list = new ArrayList<>();
          rows.forEach(r -> list.add(profile(r)));
          return list;
        });
  }

  public Future<Optional<DropProfile>> profile(long accountId, long id) {
    return pool.preparedQuery("SELECT " + PROFILE_COLUMNS + " FROM drop_profiles p WHERE p.id = $1 AND p.account_id = $2")
        .execute(Tuple.of(id, accountId)).map(rows -> first(rows).map(DropStore::profile));
  }

  /** A profile with whether its account still has Drop &amp; Go on. */
  public record Login(DropProfile profile, boolean accountEnabled) {
    public boolean allowed() {
      return accountEnabled && profile.settings().enabled();
    }
  }

  public Future<Optional<Login>> login(String username) {
    return pool.preparedQuery("SELECT " + PROFILE_COLUMNS + ", a.drop_enabled AND a.disabled_at IS NULL AS drop_enabled FROM drop_profiles p"
            + " JOIN accounts a ON a.id = p.account_id WHERE lower(p.username) = lower($1)")
        .execute(Tuple.of(username))
        .map(rows -> first(rows).map(r -> new Login(profile(r), r.getBoolean("drop_enabled"))));
  }

  public Future<Optional<Login>> login(long profileId) {
    return pool.preparedQuery("SELECT " + PROFILE_COLUMNS + ", a.drop_enabled AND a.disabled_at IS NULL AS drop_enabled FROM drop_profiles p"
            + " JOIN accounts a ON a.id = p.account_id WHERE p.id = $1")
        .execute(Tuple.of(profileId))
        .map(rows -> first(rows).map(r -> new Login(profile(r), r.getBoolean("drop_enabled"))));
  }

  public Future<Long> insertProfile(long accountId, ProfileSettings s, String passwordHash) {
    return pool.preparedQuery("""
            INSERT INTO drop_profiles (account_id, name, username, password_hash, enabled, has_header, columns, template,
                                       send_at_format, time_zone, conversation_lock, sender, purpose)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id""")
        .execute(Tuple.tuple().addLong(accountId).addString(s.name()).addString(s.username()).addString(passwordHash)
            .addBoolean(s.enabled()).addBoolean(s.hasHeader()).addValue(s.columns().toStored()).addString(s.template())
            .addString(s.sendAtFormat()).addString(s.timeZone()).addBoolean(s.conversationLock()).addString(s.sender())
            .addString(s.purpose()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Writes the settings (and a new password hash when not null); false when there is no such profile. */
  public Future<Boolean> updateProfile(long accountId, long id, ProfileSettings s, String passwordHash) {
    return pool.preparedQuery("""
            UPDATE drop_profiles SET name = $3, username = $4, password_hash = coalesce($5, password_hash), enabled = $6,
                   has_header = $7, columns = $8, template = $9, send_at_format = $10, time_zone = $11,
                   conversation_lock = $12, sender = $13, purpose = $14, updated_at = now()
            WHERE id = $1 AND account_id = $2""")
        .execute(Tuple.tuple().addLong(id).addLong(accountId).addString(s.name()).addString(s.username())
            .addString(passwordHash).addBoolean(s.enabled()).addBoolean(s.hasHeader()).addValue(s.columns().toStored())
            .addString(s.template()).addString(s.sendAtFormat()).addString(s.timeZone()).addBoolean(s.conversationLock())
            .addString(s.sender()).addString(s.purpose()))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Boolean> setPassword(long accountId, long id, String passwordHash) {
    return pool.preparedQuery("UPDATE drop_profiles SET password_hash = $3, updated_at = now() WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(id, accountId, passwordHash)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Boolean> deleteProfile(long accountId, long id) {
    return pool.preparedQuery("DELETE FROM drop_profiles WHERE id = $1 AND account_id = $2")
        .execute(Tuple.of(id, accountId)).map(rows -> rows.rowCount() > 0);
  }

  /** A file as it arrives: the summary shows it as processing until it is finished. */
  public Future<Long> insertFile(DropProfile profile, String name, String source, String stagedPath) {
    return pool.preparedQuery("""
            INSERT INTO drop_files (account_id, profile_id, profile_name, name, source, staged_path)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
        .execute(Tuple.of(profile.accountId(), profile.id(), profile.settings().name(), name, source, stagedPath))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The earlier processed file of this profile with the same content, if any. */
  public record Earlier(long id, String name, Instant receivedAt) {}

  public Future<Optional<Earlier>> processedWithContent(long profileId, String sha256) {
    return pool.preparedQuery("""
            SELECT id, name, received_at FROM drop_files
            WHERE profile_id = $1 AND sha256 = $2 AND status = 'processed' ORDER BY id LIMIT 1""")
        .execute(Tuple.of(profileId, sha256))
        .map(rows -> first(rows).map(r -> new Earlier(r.getLong("id"), r.getString("name"),
            r.getOffsetDateTime("received_at").toInstant())));
  }

  /** How a file ended. */
  public record Finish(String status, String reason, long sizeBytes, String sha256, long rows, long accepted,
                       long rejected, Long jobId, Long duplicateOf) {}

  public Future<Void> finishFile(SqlClient client, long fileId, Finish f) {
    return client.preparedQuery("""
            UPDATE drop_files SET status = $2, reason = $3, size_bytes = $4, sha256 = $5, rows = $6, accepted = $7,
                   rejected = $8, job_id = $9, duplicate_of = $10, staged_path = NULL, finished_at = now()
            WHERE id = $1""")
        .execute(Tuple.tuple().addLong(fileId).addString(f.status()).addString(f.reason()).addLong(f.sizeBytes())
            .addString(f.sha256()).addLong(f.rows()).addLong(f.accepted()).addLong(f.rejected()).addLong(f.jobId())
            .addLong(f.duplicateOf()))
        .mapEmpty();
  }

  /** Files left half-done by a stop or crash. */
  public record Unfinished(long id, long accountId, Long profileId, String name, String stagedPath) {}

  public Future<List<Unfinished>> unfinished() {
    return pool.query("SELECT id, account_id, profile_id, name, staged_path FROM drop_files WHERE status = 'processing'")
        .execute().map(rows -> {
          List<Unfinished> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Unfinished(r.getLong("id"), r.getLong("account_id"), r.getLong("profile_id"),
              r.getString("name"), r.getString("staged_path"))));
          return list;
        });
  }

  /** Keeps a batch of a file's rejected rows, numbered on from seq, in one round trip. */
  public Future<Void> saveRejects(long fileId, int seq, List<Rejection> rejects) {
    if (rejects.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = rejects.size();
    Long[] rows = new Long[n];
    String[] columns = new String[n];
    String[] values = new String[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      Rejection r = rejects.get(i);
      rows[i] = r.row();
      columns[i] = r.field();
      values[i] = r.value();
      reasons[i] = r.reason();
    }
    return pool.preparedQuery("""
            INSERT INTO drop_file_rejects (file_id, seq, row_no, col, value, reason)
            SELECT $1, $2 + u.ord::int - 1, u.r, u.c, u.v, u.why
            FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(r, c, v, why, ord)""")
        .execute(Tuple.tuple().addLong(fileId).addInteger(seq).addValue(rows).addValue(columns).addValue(values)
            .addValue(reasons))
        .mapEmpty();
  }

  private static DropProfile profile(Row r) {
    ProfileSettings settings = new ProfileSettings(r.getString("name"), r.getString("username"),
        r.getBoolean("enabled"), r.getBoolean("has_header"),
        ProfileColumns.fromStored(r.getJsonObject("columns")), r.getString("template"),
        r.getString("send_at_format"), r.getString("time_zone"), r.getBoolean("conversation_lock"),
        r.getString("sender"), r.getString("purpose"));
    return new DropProfile(r.getLong("id"), r.getLong("account_id"), r.getString("password_hash"), settings,
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }
}
