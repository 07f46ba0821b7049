package io.herald.inbox;

import io.herald.accounts.Principal;
import io.herald.errors.Refusal;
import io.herald.ingest.Intake;
import io.herald.ingest.RecipientRow;
import io.herald.ingest.RowRejected;
import io.herald.jobs.JobSpec;
import io.herald.messages.MessageLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The two-way inbox: replies routed to the conversation of the account that owns the address they
 * were sent to (for a shared short code: the account holding the phone's conversation lock, else
 * the one that texted the phone last from it), threads of texts both ways, and staff replies,
 * which go through the intake in the conversation lane like any other text.
 */
public final class Conversations {
  static final int THREAD_LIMIT = 200;
  private static final String OWNERS = """
      SELECT account_id, address FROM senders WHERE ltrim(address, '+') = ltrim($1, '+') AND takes_replies
      ORDER BY account_id""";
  private static final String SHARED_OWNER = """
      SELECT account_id FROM (
        SELECT 1 AS rank, account_id FROM conversation_locks WHERE sender = ANY($1) AND recipient = $2
        UNION ALL
        (SELECT 2, account_id FROM messages WHERE recipient = $2 AND sender = ANY($1) AND account_id = ANY($3)
         ORDER BY id DESC LIMIT 1)) o
      ORDER BY rank LIMIT 1""";
  private static final String OPEN = """
      WITH c AS (
        INSERT INTO conversations (account_id, sender, phone, unread, last_message_at) VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT (account_id, sender, phone) DO UPDATE SET state = 'active', closed_at = NULL,
          unread = conversations.unread + 1,
          last_message_at = greatest(conversations.last_message_at, excluded.last_message_at)
        RETURNING id)
      UPDATE inbound_messages SET account_id = $1, conversation_id = (SELECT id FROM c) WHERE id = $5
      RETURNING conversation_id""";
  private static final String COLUMNS = """
      c.id, c.account_id, c.sender, c.phone, c.state, c.unread, c.last_message_at, c.created_at, c.closed_at,
      (SELECT nullif(concat_ws(' ', k.first_name, k.last_name), '') FROM contacts k
        WHERE k.account_id = c.account_id AND k.phone = c.phone) AS name,
      (SELECT body FROM inbound_messages i WHERE i.conversation_id = c.id ORDER BY i.id DESC LIMIT 1) AS last_text,
      EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND s.address = c.phone) AS opted_out""";
  private static final String LIST = "SELECT " + COLUMNS + """
       FROM conversations c
      WHERE c.account_id = $1 AND ($2::text IS NULL OR c.sender = $2) AND ($3::text IS NULL OR c.state = $3)
        AND ($4::text IS NULL OR c.phone LIKE '%' || $4 || '%' OR EXISTS (SELECT 1 FROM contacts k
              WHERE k.account_id = c.account_id AND k.phone = c.phone
                AND concat_ws(' ', k.first_name, k.last_name) ILIKE '%' || $4 || '%'))
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT $5""";

  private final Pool pool;
  private final Intake intake;
  private final MessageLog log;

  public Conversations(Pool pool, Intake intake) {
    this.pool = pool;
    this.intake = intake;
    this.log = new MessageLog(pool);
  }

  /** Where a reply went. */
  public record Routed(long accountId, long conversationId) {}

  /** Routes a stored reply ({id, from, to, receivedAt}); empty when no account has the address it went to. */
  public Future<Optional<Routed>> route(JsonObject reply) {
    String to = reply.getString("to");
    String phone = reply.getString("from");
    Instant at = Instant.parse(reply.getString("receivedAt"));
    return pool.preparedQuery(OWNERS).execute(Tuple.of(to)).compose(rows -> {
      List<Long> accounts = new ArrayList<>();
      List<String> addresses = new ArrayList<>();
      rows.forEach(r -> {
        accounts.add(r.getLong("account_id"));
        addresses.add(r.getString("address"));
      });
      if (accounts.isEmpty()) {
        return Future.succeededFuture(Optional.<Routed>empty());
      }
      Future<Optional<Long>> owner = accounts.size() == 1 ? Future.succeededFuture(Optional.of(accounts.get(0)))
          : pool.preparedQuery(SHARED_OWNER).execute(Tuple.of(addresses.toArray(String[]::new), phone,
              accounts.toArray(Long[]::new))).map(o -> o.size() == 0 ? Optional.<Long>empty()
              : Optional.of(o.iterator().next().getLong(0)));
      return owner.compose(account -> account.isEmpty() ? Future.succeededFuture(Optional.<Routed>empty())
          : pool.preparedQuery(OPEN).execute(Tuple.of(account.get(), addresses.get(accounts.indexOf(account.get())),
                  phone, at.atOffset(java.time.ZoneOffset.UTC), reply.getLong("id")))
              .map(r -> Optional.of(new Routed(account.get(), r.iterator().next().getLong(0)))));
    });
  }

  public Future<List<Conversation>> list(long accountId, String sender, String state, String q, int limit) {
    if (state != null && !state.equals("active") && !state.equals("closed")) {
      return Future.failedFuture(Refusal.invalid("state", "state must be active or closed", state));
    }
    return pool.preparedQuery(LIST).execute(Tuple.of(accountId, sender, state, q == null || q.isBlank() ? null : q.strip(),
        limit)).map(Conversations::all);
  }

  public Future<Conversation> one(long accountId, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM conversations c WHERE c.account_id = $1 AND c.id = $2")
        .execute(Tuple.of(accountId, id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("conversation"))
            : Future.succeededFuture(all(rows).get(0)));
  }

  /** The newest texts both ways, oldest first, each marked with where it came from. */
  public Future<List<ThreadEntry>> thread(Conversation c) {
    Future<RowSet<Row>> in = pool.preparedQuery("SELECT id, body, received_at FROM inbound_messages"
        + " WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2").execute(Tuple.of(c.id(), THREAD_LIMIT));
    Future<RowSet<Row>> staff = pool.preparedQuery("SELECT message_id, sent_by FROM conversation_replies"
        + " WHERE conversation_id = $1").execute(Tuple.of(c.id()));
    Future<RowSet<Row>> keyword = pool.preparedQuery("SELECT r.message_id FROM reply_confirmations r"
        + " JOIN inbound_messages i ON i.id = r.inbound_id WHERE i.conversation_id = $1").execute(Tuple.of(c.id()));
    Future<List<MessageLog.Sent>> out = log.between(c.accountId(), c.sender(), c.phone(), THREAD_LIMIT);
    return Future.all(in, staff, keyword, out).map(all -> {
      java.util.Map<Long, String> by = new java.util.HashMap<>();
      all.<RowSet<Row>>resultAt(1).forEach(r -> by.put(r.getLong("message_id"), r.getString("sent_by")));
      java.util.Set<Long> answers = new java.util.HashSet<>();
      all.<RowSet<Row>>resultAt(2).forEach(r -> answers.add(r.getLong("message_id")));
      List<ThreadEntry> entries = new ArrayList<>();
      all.<RowSet<Row>>resultAt(0).forEach(r -> entries.add(new ThreadEntry("in", r.getLong("id"), r.getString("body"),
          r.getOffsetDateTime("received_at").toInstant(), null, null, null)));
      for (MessageLog.Sent s : all.<List<MessageLog.Sent>>resultAt(3)) {
        long id = s.message().id();
        String source = by.containsKey(id) ? "staff" : answers.contains(id) ? "keyword" : s.source();
        entries.add(new ThreadEntry("out", id, s.message().body(), s.message().time(), source, s.message().state(),
            by.get(id)));
      }
      entries.sort(Comparator.comparing(ThreadEntry::at));
      return entries;
    });
  }

  /** A staff reply from the thread, in the conversation lane; refused with the reason when the phone opted out. */
  public Future<ThreadEntry> reply(long accountId, long id, String text, Principal by) {
    return one(accountId, id).compose(c -> {
      if (c.optedOut()) {
        return Future.failedFuture(Refusal.conflict(c.phone() + " opted out of texts from this account: it can"
            + " write again, but nothing can be sent to it until it opts back in"));
      }
      JobSpec spec = new JobSpec(accountId, "reply", null, "conversation", c.sender(), null, null, null, by.user());
      return intake.take(accountId, taking -> {
        taking.openDirect(spec, true);
        return taking.addNow(new RecipientRow(1, c.phone(), text == null ? "" : text, null, null, null, null, true))
            .compose(queued -> taking.tx().preparedQuery("INSERT INTO conversation_replies (message_id, conversation_id,"
                + " sent_by) VALUES ($1, $2, $3)").execute(Tuple.of(queued.id(), c.id(), by.email())).map(queued));
      }).map(taken -> new ThreadEntry("out", taken.value().id(), text, Instant.now(), "staff", "queued", by.email()))
          .recover(e -> Future.failedFuture(e instanceof RowRejected r
              ? Refusal.invalid("text", r.rejection().reason(), r.rejection().value()) : e));
    });
  }

  /** Closes or reopens it; a closed conversation reopens by itself when the phone writes again. */
  public Future<Conversation> setState(long accountId, long id, String state) {
    return pool.preparedQuery("UPDATE conversations SET state = $3, closed_at = CASE WHEN $3 = 'closed' THEN now() END"
            + " WHERE account_id = $1 AND id = $2").execute(Tuple.of(accountId, id, state))
        .compose(v -> one(accountId, id));
  }

  public Future<Conversation> read(long accountId, long id) {
    return pool.preparedQuery("UPDATE conversations SET unread = 0 WHERE account_id = $1 AND id = $2")
        .execute(Tuple.of(accountId, id)).compose(v -> one(accountId, id));
  }

  /** The newest replies no account has, newest first (operators). */
  public Future<List<UnroutedReply>> unrouted(int limit) {
    return pool.preparedQuery("SELECT id, smsc, sender, recipient, body, received_at FROM inbound_messages"
            + " WHERE account_id IS NULL ORDER BY id DESC LIMIT $1").execute(Tuple.of(limit))
        .map(rows -> {
          List<UnroutedReply> list = new ArrayList<>(rows.size());
          rows.forEach(r -> list.add(new UnroutedReply(r.getLong("id"), r.getString("smsc"), r.getString("sender"),
              r.getString("recipient"), r.getString("body"), r.getOffsetDateTime("received_at").toInstant())));
          return list;
        });
  }

  /** Unread replies in the account's active conversations. */
  public Future<Long> unread(long accountId) {
    return pool.preparedQuery("SELECT coalesce(sum(unread), 0)::bigint FROM conversations WHERE account_id = $1"
            + " AND state = 'active'").execute(Tuple.of(accountId)).map(r -> r.iterator().next().getLong(0));
  }

  private static List<Conversation> all(RowSet<Row> rows) {
    List<Conversation> list = new ArrayList<>(rows.size());
    for (Row r : rows) {
      list.add(new Conversation(r.getLong("id"), r.getLong("account_id"), r.getString("sender"), r.getString("phone"),
          r.getString("state"), r.getInteger("unread"), instant(r.getOffsetDateTime("last_message_at")),
          instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("closed_at")), r.getString("name"),
          r.getString("last_text"), r.getBoolean("opted_out")));
    }
    return list;
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
