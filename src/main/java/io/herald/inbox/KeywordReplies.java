package io.herald.inbox;

import io.herald.contacts.Addresses.Address;
import io.herald.contacts.Addresses.AddressKind;
import io.herald.contacts.Addresses;
import io.herald.contacts.KeywordAction;
import io.herald.contacts.KeywordSettings;
import io.herald.contacts.ReplyKeywords;
import io.herald.contacts.SuppressionSource;
import io.herald.contacts.Suppressions;
import io.herald.ingest.Intake;
import io.herald.ingest.RecipientRow;
import io.herald.ingest.RowRejected;
import io.herald.jobs.JobSpec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on replies that are keywords (STOP, START, HELP and each account's own), for every account
 * that owns the address the reply went to: the number is opted out or back in, and the account's
 * answer goes back from that address through the intake, in the same transaction. A STOP's answer
 * reaches the number that has just opted out: it is recorded in reply_confirmations, which the
 * suppression check at claim lets through.
 */
public final class KeywordReplies extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(KeywordReplies.class);
  /** Longer texts cannot be a keyword (keywords are at most 20 characters). */
  private static final int LONGEST_KEYWORD_TEXT = 64;

  private final ReplyKeywords keywords;
  private final Suppressions suppressions;
  private final Intake intake;
  private MessageConsumer<JsonObject> consumer;

  public KeywordReplies(ReplyKeywords keywords, Suppressions suppressions, Intake intake) {
    this.keywords = keywords;
    this.suppressions = suppressions;
    this.intake = intake;
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
    return keywords.forAddress(reply.getString("to")).compose(accounts -> {
      List<Future<?>> done = new ArrayList<>();
      for (ReplyKeywords.AccountKeywords a : accounts) {
        a.settings().match(text).ifPresent(action -> done.add(act(reply, action, a)));
      }
      return Future.join(done).<Void>mapEmpty();
    }).onFailure(e -> log.warn("reply {}: cannot act on its keyword: {}", reply.getValue("id"), e.getMessage()));
  }

  private Future<?> act(JsonObject reply, KeywordAction action, ReplyKeywords.AccountKeywords account) {
    String from = reply.getString("from");
    String sender = account.address();
    Optional<String> phone = Addresses.phone(from, account.region());
    if (phone.isEmpty()) {
      log.info("reply {} to {}: keyword {} from '{}', which is no valid phone number; ignored", reply.getValue("id"),
          sender, action.dbName(), from);
      return Future.succeededFuture();
    }
    long accountId = account.accountId();
    long inboundId = reply.getLong("id");
    String actor = "reply " + inboundId;
    String reason = "replied '" + reply.getString("text").strip() + "'";
    String answer = account.settings().reply(action);
    return intake.take(accountId, taking -> {
      // whether the keyword changed anything that calls for an answer: an opt-in from a number that
      // was never opted out is only a reply like any other
      Future<Boolean> acted = switch (action) {
        case OPT_OUT -> suppressions.suppress(taking.tx(), accountId, List.of(new Address(AddressKind.PHONE, phone.get())),
            SuppressionSource.REPLY, actor, reason).map(true);
        case OPT_IN -> suppressions.lift(taking.tx(), accountId, List.of(phone.get()), SuppressionSource.REPLY, actor, reason)
            .map(lifted -> !lifted.isEmpty());
        case HELP -> Future.succeededFuture(true);
      };
      return acted.compose(answers -> !answers || answer == null || answer.isBlank() ? Future.succeededFuture(false)
          : answer(taking, accountId, inboundId, action, sender, phone.get(), answer));
    }).onSuccess(taken -> log.info("reply {} to {}: {} keyword acted on{}", inboundId, sender, action.dbName(),
        taken.value() ? ", answer queued" : ""));
  }

  /** Queues the answer; one the intake refuses (too long for the account's limit) is logged, the keyword still acts. */
  private Future<Boolean> answer(Intake.Taking taking, long accountId, long inboundId, KeywordAction action,
                                 String sender, String phone, String answer) {
    taking.openDirect(new JobSpec(accountId, "reply", null, "conversation", sender, null, null, null, null), false);
    return taking.addNow(new RecipientRow(1, phone, answer, null, null, null, null, true))
        .compose(queued -> taking.tx().preparedQuery(
                "INSERT INTO reply_confirmations (message_id, account_id, inbound_id, keyword) VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(queued.id(), accountId, inboundId, action.dbName())).map(true))
        .recover(e -> {
          if (e instanceof RowRejected r) {
            log.warn("reply {}: the {} answer was not queued: {}", inboundId, action.dbName(), r.getMessage());
            return Future.succeededFuture(false);
          }
          return Future.failedFuture(e);
        });
  }
}
