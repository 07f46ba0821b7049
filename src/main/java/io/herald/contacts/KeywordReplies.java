package io.herald.contacts;

import io.herald.contacts.Addresses.Address;
import io.herald.contacts.Addresses.AddressKind;
import io.herald.dispatch.Dispatcher;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.MessageStore;
import io.herald.messages.NewMessage;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.herald.smsc.mo.MoReceiver;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on keywords in replies ({@link MoReceiver#RECEIVED}): an opt-out keyword suppresses the
 * sender of the reply, an opt-in keyword lifts that, a help keyword is answered with the help text.
 * The reply belongs to every account owning a sender whose address is the reply's destination
 * (compared without a leading '+'). Answers go out in the conversation lane from that sender, and
 * are recorded in reply_confirmations so the suppression check before submit lets a STOP
 * confirmation through.
 */
public final class KeywordReplies extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(KeywordReplies.class);
  /** Longer texts cannot be a keyword (keywords are at most 20 characters). */
  private static final int LONGEST_KEYWORD_TEXT = 64;
  private static final String ACCOUNTS = """
      SELECT s.account_id, s.address, a.default_region,
             k.opt_out, k.opt_in, k.help, k.opt_out_reply, k.opt_in_reply, k.help_reply
      FROM senders s JOIN accounts a ON a.id = s.account_id
      LEFT JOIN reply_keywords k ON k.account_id = s.account_id
      WHERE ltrim(s.address, '+') = ltrim($1, '+')
      ORDER BY s.account_id""";

  private final Pool pool;
  private final Suppressions suppressions;
  private final MessageStore messages;
  private final MessageMeters meters;
  private MessageConsumer<JsonObject> consumer;

  public KeywordReplies(Pool pool, Suppressions suppressions, MessageStore messages, MessageMeters meters) {
    this.pool = pool;
    this.suppressions = suppressions;
    this.messages = messages;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(MoReceiver.RECEIVED, m -> handle(m.body()));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** One stored reply; completes when every account it belongs to has acted on it. */
  Future<Void> handle(JsonObject reply) {
    String text = reply.getString("text");
    if (reply.getBoolean("incomplete", false) || text == null || text.length() > LONGEST_KEYWORD_TEXT
        || KeywordSettings.normalise(text).isEmpty()) {
      return Future.succeededFuture();
    }
    String to = reply.getString("to");
    return pool.preparedQuery(ACCOUNTS).execute(Tuple.of(to == null ? "" : to)).compose(rows -> {
      List<Future<?>> done = new ArrayList<>();
      for (Row r : rows) {
        KeywordSettings settings = r.getValue("opt_out") == null ? KeywordSettings.DEFAULTS : ReplyKeywords.settings(r);
        settings.match(text).ifPresent(action -> done.add(act(reply, action, settings, r.getLong("account_id"),
            r.getString("address"), r.getString("default_region"))));
      }
      return Future.join(done).<Void>mapEmpty();
    }).onFailure(e -> log.warn("reply {}: cannot act on its keyword: {}", reply.getValue("id"), e.getMessage()));
  }

  private Future<?> act(JsonObject reply, KeywordAction action, KeywordSettings settings, long accountId,
                        String sender, String region) {
    String from = reply.getString("from");
    Optional<String> phone = Addresses.phone(from, region);
    if (phone.isEmpty()) {
      log.info("reply {} to {}: keyword {} from '{}', which is no valid phone number; ignored", reply.getValue("id"),
          sender, action.dbName(), from);
      return Future.succeededFuture();
    }
    long inboundId = reply.getLong("id");
    String actor = "reply " + inboundId;
    String reason = "replied '" + reply.getString("text").strip() + "'";
    String answer = settings.reply(action);
    return pool.withTransaction(tx -> {
      // whether the keyword changed anything that calls for an answer: an opt-in from a number that
      // was never opted out is only a reply like any other
      Future<Boolean> acted = switch (action) {
        case OPT_OUT -> suppressions.suppress(tx, accountId, List.of(new Address(AddressKind.PHONE, phone.get())),
            SuppressionSource.REPLY, actor, reason).map(true);
        case OPT_IN -> suppressions.lift(tx, accountId, List.of(phone.get()), SuppressionSource.REPLY, actor, reason)
            .map(lifted -> !lifted.isEmpty());
        case HELP -> Future.succeededFuture(true);
      };
      return acted.compose(answers -> !answers || answer == null || answer.isBlank() ? Future.succeededFuture(false)
          : queueAnswer(tx, accountId, inboundId, action, sender, phone.get(), answer).map(true));
    }).onSuccess(queued -> {
      log.info("reply {} to {}: {} keyword acted on{}", inboundId, sender, action.dbName(), queued ? ", answer queued" : "");
      if (queued) {
        meters.count(MessageState.QUEUED, null, 1);
        vertx.eventBus().send(Dispatcher.WAKE, null);
      }
    });
  }

  private Future<Void> queueAnswer(SqlClient tx, long accountId, long inboundId, KeywordAction action, String sender,
                                   String phone, String answer) {
    EncodedText encoded = TextEncoder.encode(answer);
    NewMessage message = new NewMessage(accountId, null, "conversation", sender, phone, answer,
        encoded.encoding().name(), encoded.segments());
    return messages.insert(tx, List.of(message)).compose(ids -> tx.preparedQuery(
            "INSERT INTO reply_confirmations (message_id, account_id, inbound_id, keyword) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(ids.get(0), accountId, inboundId, action.dbName())))
        .mapEmpty();
  }
}
