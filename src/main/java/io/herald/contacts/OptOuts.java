package io.herald.contacts;

import io.herald.contacts.Addresses.Address;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The opt-outs API: one address, a pasted list, taking one back, and the history. */
public final class OptOuts {
  private static final int MAX_REASON = 500;

  private final Vertx vertx;
  private final Suppressions suppressions;
  private final AccountRegions accounts;

  public OptOuts(Vertx vertx, Suppressions suppressions, AccountRegions accounts) {
    this.vertx = vertx;
    this.suppressions = suppressions;
    this.accounts = accounts;
  }

  public Future<JsonObject> list(long accountId, String search, Paging paging) {
    return suppressions.list(accountId, search, paging);
  }

  /** {"address", "reason"?, "source"?: "api" | "manual"}; answers the address and whether it changed. */
  public Future<JsonObject> optOut(long accountId, String actor, JsonObject request) {
    String given = Json.text(request, "address");
    String reason = reason(request);
    SuppressionSource source = source(request);
    return accounts.region(accountId).compose(region -> {
      Address address = address(given, region);
      return suppressions.suppress(suppressions.pool(), accountId, List.of(address), source, actor, reason)
          .map(changed -> new JsonObject().put("address", address.value()).put("kind", address.kind().dbName())
              .put("status", "opted-out").put("changed", !changed.isEmpty()));
    });
  }

  /**
   * {"text": one address a line (commas and semicolons also separate), "reason"?}. Valid addresses
   * are opted out in one batch; the others come back with their line and why.
   */
  public Future<JsonObject> importList(long accountId, String actor, JsonObject request) {
    String text = Json.text(request, "text");
    if (text == null || text.isBlank()) {
      throw Refusal.invalid("text", "text is empty: paste one phone number or e-mail address a line", null);
    }
    String reason = reason(request);
    return accounts.region(accountId).compose(region -> vertx.executeBlocking(() -> parse(text, region), false))
        .compose(parsed -> {
          List<Address> distinct = Suppressions.distinct(parsed.valid());
          return suppressions.suppress(suppressions.pool(), accountId, distinct, SuppressionSource.IMPORT, actor, reason)
              .map(changed -> new JsonObject()
                  .put("optedOut", changed.size())
                  .put("alreadyOptedOut", distinct.size() - changed.size())
                  .put("rejected", parsed.rejected()));
        });
  }

  private record Parsed(List<Address> valid, JsonArray rejected) {}

  /** Blocking (libphonenumber on every line): on a worker. */
  private static Parsed parse(String text, String region) {
    List<Address> valid = new ArrayList<>();
    JsonArray rejected = new JsonArray();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String value : lines[i].split("[,;\\t]")) {
        if (value.isBlank()) {
          continue;
        }
        var parsed = Addresses.parse(value, region);
        if (parsed.isPresent()) {
          valid.add(parsed.get());
        } else {
          rejected.add(new JsonObject().put("line", i + 1).put("value", value.strip())
              .put("error", "'" + value.strip() + "' " + Addresses.why(value)));
        }
      }
    }
    return new Parsed(valid, rejected);
  }

  /** Takes an opt-out back; 404 when the address is not opted out. */
  public Future<JsonObject> lift(long accountId, String actor, String given, String reason) {
    if (reason != null && reason.length() > MAX_REASON) {
      throw Refusal.invalid("reason", "reason is longer than " + MAX_REASON + " characters", null);
    }
    return accounts.region(accountId).compose(region -> {
      String address = normalised(given, region);
      return suppressions.lift(suppressions.pool(), accountId, List.of(address), SuppressionSource.API, actor, reason)
          .compose(lifted -> lifted.isEmpty()
              ? Future.failedFuture(Refusal.notFoundBecause("'" + address + "' is not opted out").with("field", "address").with("value", given))
              : Future.succeededFuture(new JsonObject().put("address", address).put("status", "active")));
    });
  }

  public Future<JsonObject> history(long accountId, String given) {
    return accounts.region(accountId).compose(region -> {
      String address = normalised(given, region);
      return suppressions.history(accountId, address).compose(h -> h == null
          ? Future.failedFuture(Refusal.notFoundBecause("'" + address + "' has never been opted out").with("field", "address").with("value", given))
          : Future.succeededFuture(h));
    });
  }

  private static Address address(String given, String region) {
    if (given == null || given.isBlank()) {
      throw Refusal.invalid("address", "address is required: a phone number or an e-mail address", null);
    }
    return Addresses.parse(given, region).orElseThrow(() ->
        Refusal.invalid("address", "'" + given + "' " + Addresses.why(given), given));
  }

  /** The stored form when the input is a valid address, else the input as typed (it matches nothing). */
  private static String normalised(String given, String region) {
    return Addresses.parse(given, region).map(Address::value).orElse(given.strip().toLowerCase(Locale.ROOT));
  }

  private static String reason(JsonObject request) {
    String reason = Json.text(request, "reason");
    if (reason != null && reason.length() > MAX_REASON) {
      throw Refusal.invalid("reason", "reason is longer than " + MAX_REASON + " characters", null);
    }
    return reason == null || reason.isBlank() ? null : reason.strip();
  }

  private static SuppressionSource source(JsonObject request) {
    String name = Json.text(request, "source");
    if (name == null) {
      return SuppressionSource.API;
    }
    SuppressionSource source = SuppressionSource.of(name);
    if (source != SuppressionSource.API && source != SuppressionSource.MANUAL) {
      throw Refusal.invalid("source", "source must be api or manual", name);
    }
    return source;
  }
}
