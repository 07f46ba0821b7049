package io.herald.ingest;

import io.herald.accounts.AccountStore;
import io.herald.accounts.Principal;
import io.herald.errors.Refusal;
import io.herald.jobs.JobSpec;
import io.herald.messages.MessageState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One text from one API call: a job-less row through the intake, in the conversation lane. */
public final class ApiMessages {
  private final AccountStore accounts;
  private final Intake intake;

  public ApiMessages(AccountStore accounts, Intake intake) {
    this.accounts = accounts;
    this.intake = intake;
  }

  /** Answers {"id", "status", "to", "from", "encoding", "segments"}; fails with Refusal on bad input. */
  public Future<JsonObject> send(Principal principal, JsonObject request) {
    if (principal.accountId() == null) {
      return Future.failedFuture(Refusal.invalid("account", "operators send from an account; log in as one of its users", null));
    }
    long accountId = principal.accountId();
    String to;
    String body;
    String from;
    try {
      to = text(request, "to");
      body = text(request, "body");
      from = text(request, "from");
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return accounts.sender(accountId, from).compose(sender -> {
      if (sender.isEmpty()) {
        return Future.failedFuture(from == null
            ? Refusal.invalid("from", "the account has no default sender; give one in from", null)
            : Refusal.invalid("from", "unknown sender", from));
      }
      String address = sender.get().address();
      JobSpec spec = new JobSpec(accountId, "api", null, "conversation", address, null, null, null, principal.user());
      RecipientRow row = new RecipientRow(1, to, body == null ? "" : body, null, null, null, null);
      return intake.take(accountId, taking -> {
        taking.openDirect(spec, true);
        return taking.addNow(row);
      }).map(taken -> new JsonObject()
          .put("id", taken.value().id())
          .put("status", MessageState.QUEUED.dbName())
          .put("to", taken.value().to())
          .put("from", address)
          .put("encoding", taken.value().encoding())
          .put("segments", taken.value().segments()));
    }).recover(e -> Future.failedFuture(e instanceof RowRejected r ? Refusal.invalid(r.rejection().field(),
        r.rejection().reason(), r.rejection().value()) : e));
  }

  private static String text(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Refusal.invalid(field, field + " must be a string", String.valueOf(value));
    }
    return (String) value;
  }
}
