package io.herald.drop;

import io.herald.accounts.AccountStore;
import io.herald.accounts.PasswordHasher;
import io.herald.contacts.Field;
import io.herald.contacts.Fields;
import io.herald.contacts.ImportTarget;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drop profiles as account admins manage them. Every call first checks that an operator has turned
 * Drop &amp; Go on for the account. A password is stored as an Argon2id hash (made on a worker
 * thread); one Herald makes up is shown in the answer once and never again.
 */
public final class DropProfiles {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final DropStore store;
  private final AccountStore accounts;
  private final Fields contactFields;
  private final FtpEndpoint ftp;
  private final ImportTarget appointments;

  public DropProfiles(Vertx vertx, DropStore store, AccountStore accounts, Fields contactFields, FtpEndpoint ftp,
                      ImportTarget appointments) {
    this.vertx = vertx;
    this.appointments = appointments;
    this.store = store;
    this.accounts = accounts;
    this.contactFields = contactFields;
    this.ftp = ftp;
  }

  /**
   * {"dropAndGo": whether the feature is on, "profiles": [...]}. Readable while the feature is off
   * (the list is then empty, or holds profiles that cannot log in) so that a settings page can say so.
   */
  public Future<JsonObject> list(long accountId) {
    return accounts.dropEnabled(accountId).compose(on -> {
      if (on.isEmpty()) {
        return Future.failedFuture(Refusal.notFound("account"));
      }
      return store.profiles(accountId).map(list -> {
        JsonArray array = new JsonArray();
        list.forEach(p -> array.add(p.toJson(ftp)));
        return new JsonObject().put("dropAndGo", on.get()).put("profiles", array);
      });
    });
  }

  public Future<JsonObject> get(long accountId, long id) {
    return featureOn(accountId).compose(v -> find(accountId, id)).map(p -> p.toJson(ftp));
  }

  /** 201 body: the profile, with "password" when Herald made one up. */
  public Future<JsonObject> create(long accountId, JsonObject request) {
    ProfileSettings settings;
    String given;
    try {
      settings = ProfileInput.settings(request, appointments);
      given = ProfileInput.password(request);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    String password = given != null ? given : generatePassword();
    return featureOn(accountId)
        .compose(v -> checkAgainstAccount(accountId, settings))
        .compose(v -> hash(password))
        .compose(hash -> taken(store.insertProfile(accountId, settings, hash), settings.username()))
        .compose(id -> find(accountId, id))
        .map(p -> {
          JsonObject json = p.toJson(ftp);
          if (given == null) {
            json.put("password", password);
          }
          return json;
        });
  }

  /** Changes the fields given; the rest stay. A password given here is set (and not echoed). */
  public Future<JsonObject> update(long accountId, long id, JsonObject request) {
    String given;
    try {
      ProfileInput.knownFields(request);
      given = ProfileInput.password(request);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return featureOn(accountId).compose(v -> find(accountId, id)).compose(existing -> {
      JsonObject merged = existing.toJson(ftp);
      ProfileInput.READ_ONLY.forEach(merged::remove);
      merged.remove("password");
      request.fieldNames().stream().filter(k -> !k.equals("password") && !ProfileInput.READ_ONLY.contains(k))
          .forEach(k -> merged.put(k, request.getValue(k)));
      ProfileSettings settings;
      try {
        settings = ProfileInput.settings(merged, appointments);
      } catch (Refusal e) {
        return Future.failedFuture(e);
      }
      return checkAgainstAccount(accountId, settings)
          .compose(v -> given == null ? Future.succeededFuture((String) null) : hash(given))
          .compose(hash -> taken(store.updateProfile(accountId, id, settings, hash), settings.username()))
          .compose(found -> find(accountId, id))
          .map(p -> p.toJson(ftp));
    });
  }

  /** Makes up a new password, shown in this answer only. */
  public Future<JsonObject> newPassword(long accountId, long id) {
    String password = generatePassword();
    return featureOn(accountId).compose(v -> find(accountId, id))
        .compose(p -> hash(password))
        .compose(hash -> store.setPassword(accountId, id, hash))
        .map(v -> new JsonObject().put("id", id).put("password", password));
  }

  public Future<Void> delete(long accountId, long id) {
    return featureOn(accountId).compose(v -> store.deleteProfile(accountId, id))
        .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(Refusal.notFound("drop profile")));
  }

  /** The profile when it belongs to the account (for uploads); 404 otherwise. */
  public Future<DropProfile> find(long accountId, long id) {
    return store.profile(accountId, id).map(p -> p.orElseThrow(() -> Refusal.notFound("drop profile")));
  }

  /** 403 unless an operator turned Drop &amp; Go on for the account. */
  public Future<Void> featureOn(long accountId) {
    return accounts.dropEnabled(accountId).compose(on -> {
      if (on.isEmpty()) {
        return Future.failedFuture(Refusal.notFound("account"));
      }
      if (!on.get()) {
        return Future.failedFuture(Refusal.forbidden("Drop & Go is not turned on for this account: ask support to turn it on"));
      }
      return Future.succeededFuture();
    });
  }

  /** What needs the account: the sender exists, and each contact field is one of its fields. */
  private Future<Void> checkAgainstAccount(long accountId, ProfileSettings settings) {
    if (settings.loadsAppointments()) { // nothing is sent: no sender needed
      return Future.succeededFuture();
    }
    Future<Void> sender = accounts.sender(accountId, settings.sender()).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(settings.sender() == null
          ? Refusal.invalid("from", "the account has no default sender; give one in from", null)
          : Refusal.invalid("from", "unknown sender", settings.sender()));
    });
    List<CustomField> saved = settings.columns().fields().stream().filter(f -> f.contactField() != null).toList();
    if (saved.isEmpty()) {
      return sender;
    }
    return sender.compose(v -> contactFields.all(accountId)).compose(fields -> {
      Map<String, Field> byKey = fields.stream().collect(Collectors.toMap(Field::key, f -> f));
      List<String> writable = fields.stream().filter(ContactWrites::writable).map(Field::key).toList();
      for (int i = 0; i < settings.columns().fields().size(); i++) {
        CustomField f = settings.columns().fields().get(i);
        if (f.contactField() == null) {
          continue;
        }
        Field target = byKey.get(f.contactField());
        if (target == null || !ContactWrites.writable(target)) {
          return Future.failedFuture(Refusal.invalid("fields." + i + ".contactField", "contactField "
              + f.contactField() + " is not a contact field of this account" + (target != null ? " that a file can set" : "")
              + " (fields: " + String.join(", ", writable) + ")", f.contactField()));
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<String> hash(String password) {
    return vertx.executeBlocking(() -> PasswordHasher.hash(password), false);
  }

  private static <T> Future<T> taken(Future<T> write, String username) {
    return write.recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(Refusal.conflict("username " + username
            + " is taken: FTP user names are unique across Herald").with("field", "username").with("value", username))
        : Future.failedFuture(e));
  }

  static String generatePassword() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
