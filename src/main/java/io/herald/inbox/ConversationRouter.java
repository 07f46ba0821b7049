package io.herald.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every stored reply in its conversation, and says so on {@link #CHANGED} for pages that show
 * the inbox live. A reply to an address no account has stays stored, unrouted.
 */
public final class ConversationRouter extends VerticleBase {
  /** Published after a reply joined a conversation: {accountId, conversationId}. */
  public static final String CHANGED = "inbox.conversation";
  private static final Logger log = LoggerFactory.getLogger(ConversationRouter.class);
  private final Conversations conversations;
  private final Counter routed;
  private final Counter unrouted;
  private final Counter failed;
  private MessageConsumer<JsonObject> consumer;

  public ConversationRouter(Conversations conversations, MeterRegistry registry) {
    this.conversations = conversations;
    this.routed = replies(registry, "routed");
    this.unrouted = replies(registry, "unrouted");
    this.failed = replies(registry, "failed");
  }

  private static Counter replies(MeterRegistry registry, String result) {
    return Counter.builder("herald_replies").tag("result", result)
        .description("Replies by whether they reached a conversation (routed), no account has their address"
            + " (unrouted), or could not be put in one (failed)").register(registry);
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(MoReceiver.RECEIVED, m -> route(m.body()));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void route(JsonObject reply) {
    conversations.route(reply).onSuccess(found -> found.ifPresentOrElse(
            to -> {
              routed.increment();
              vertx.eventBus().publish(CHANGED, new JsonObject().put("accountId", to.accountId())
                  .put("conversationId", to.conversationId()));
            },
            () -> {
              unrouted.increment();
              log.info("reply {} to {}: no account has this address; kept unrouted", reply.getValue("id"),
                  reply.getString("to"));
            }))
        .onFailure(e -> {
          failed.increment();
          log.warn("reply {}: cannot put it in its conversation: {}", reply.getValue("id"), e.getMessage());
        });
  }
}
