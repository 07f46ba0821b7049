package io.herald.ingest;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Principal;
import io.herald.api.ApiException;
import io.herald.dispatch.Dispatcher;
import io.herald.messages.MessageMeters;
import io.herald.messages.MessageState;
import io.herald.messages.MessageStore;
import io.herald.messages.NewMessage;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One text from one API call: validate, normalise, queue, and wake dispatch. */
public final class ApiMessages {
  private final Vertx vertx;
  private final AccountStore accounts;
  private final MessageStore messages;
  private final MessageMeters meters;
  private final int maxParts;

  public ApiMessages(Vertx vertx, AccountStore accounts, MessageStore messages, MessageMeters meters, int maxParts) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.messages = messages;
    this.meters = meters;
    this.maxParts = maxParts;
  }

  /** Answers {"id", "status", "encoding", "segments"}; fails with ApiException on bad input. */
  public Future<JsonObject> send(Principal principal, JsonObject request) {
    if (principal.accountId() == null) {
      return Future.failedFuture(ApiException.badField("account", "operators send from an account; log in as one of its users", null));
    }
    long accountId = principal.accountId();
    String to;
    String body;
    String from;
    try {
      to = text(request, "to");
      body = text(request, "body");
      from = text(request, "from");
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    if (to == null || to.isBlank()) {
      return Future.failedFuture(ApiException.badField("to", "to is required", null));
    }
    if (body == null || body.isEmpty()) {
      return Future.failedFuture(ApiException.badField("body", "body is empty", null));
    }
    EncodedText encoded = TextEncoder.encode(body);
    if (encoded.segments() > maxParts) {
      return Future.failedFuture(ApiException.badField("body", "body is too long: " + encoded.segments()
          + " parts of " + encoded.encoding() + ", the maximum is " + maxParts, null));
    }
    return accounts.account(accountId).compose(account -> {
      String e164 = PhoneNumbers.toE164(to, account.defaultRegion()).orElse(null);
      if (e164 == null) {
        return Future.failedFuture(new ApiException(400,
            new JsonObject().put("error", "invalid phone number").put("field", "to").put("value", to)));
      }
      return accounts.sender(accountId, from).compose(sender -> {
        if (sender.isEmpty()) {
          return Future.failedFuture(from == null
              ? ApiException.badField("from", "the account has no default sender; give one in from", null)
              : ApiException.badField("from", "unknown sender", from));
        }
        NewMessage message = new NewMessage(accountId, null, "conversation", sender.get().address(), e164, body,
            encoded.encoding().name(), encoded.segments());
        return messages.insert(messages.pool(), List.of(message)).map(ids -> {
          meters.count(MessageState.QUEUED, null, 1);
          vertx.eventBus().send(Dispatcher.WAKE, null);
          return new JsonObject()
              .put("id", ids.get(0))
              .put("status", MessageState.QUEUED.dbName())
              .put("to", e164)
              .put("from", sender.get().address())
              .put("encoding", encoded.encoding().name())
              .put("segments", encoded.segments());
        });
      });
    });
  }

  private static String text(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ApiException.badField(field, field + " must be a string", String.valueOf(value));
    }
    return (String) value;
  }
}
