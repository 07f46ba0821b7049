package io.herald.contacts;

import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading and changing an account's reply keywords (table reply_keywords; defaults when it has no row). */
public final class ReplyKeywords {
  private static final int MAX_KEYWORDS = 20;
  private static final int MAX_KEYWORD = 20;
  private static final int MAX_REPLY = 1000;
  private static final String[] SECTIONS = {"optOut", "optIn", "help"};

  private final Pool pool;
  private final AccountRegions accounts;

  public ReplyKeywords(Pool pool, AccountRegions accounts) {
    this.pool = pool;
    this.accounts = accounts;
  }

  public Future<KeywordSettings> get(long accountId) {
    return accounts.region(accountId).compose(r -> pool.preparedQuery(
            "SELECT opt_out, opt_in, help, opt_out_reply, opt_in_reply, help_reply FROM reply_keywords WHERE account_id = $1")
        .execute(Tuple.of(accountId))
        .map(rows -> Sql.first(rows).map(ReplyKeywords::settings).orElse(KeywordSettings.DEFAULTS)));
  }

  /** An account that owns a sender address, with its reply keywords (the defaults when it set none). */
  public record AccountKeywords(long accountId, String address, String region, KeywordSettings settings) {}

  private static final String BY_ADDRESS = """
      SELECT s.account_id, s.address, a.default_region,
             k.opt_out, k.opt_in, k.help, k.opt_out_reply, k.opt_in_reply, k.help_reply
      FROM senders s JOIN accounts a ON a.id = s.account_id
      LEFT JOIN reply_keywords k ON k.account_id = s.account_id
      WHERE ltrim(s.address, '+') = ltrim($1, '+')
      ORDER BY s.account_id""";

  /** The accounts a reply to this address belongs to (one sender may be shared), with their keywords. */
  public Future<List<AccountKeywords>> forAddress(String to) {
    return pool.preparedQuery(BY_ADDRESS).execute(Tuple.of(to == null ? "" : to)).map(rows -> {
      List<AccountKeywords> list = new java.util.ArrayList<>();
      for (Row r : rows) {
        list.add(new AccountKeywords(r.getLong("account_id"), r.getString("address"), r.getString("default_region"),
            r.getValue("opt_out") == null ? KeywordSettings.DEFAULTS : settings(r)));
      }
      return list;
    });
  }

  static KeywordSettings settings(Row r) {
    return new KeywordSettings(List.of(r.getArrayOfStrings("opt_out")), List.of(r.getArrayOfStrings("opt_in")),
        List.of(r.getArrayOfStrings("help")), r.getString("opt_out_reply"), r.getString("opt_in_reply"),
        r.getString("help_reply"));
  }

  /**
   * {"optOut"?: {"keywords"?, "reply"?}, "optIn"?: ..., "help"?: ...}: what is given replaces what
   * was there. Keywords are kept upper case without spaces; one keyword belongs to one list only.
   */
  public Future<KeywordSettings> update(long accountId, JsonObject request) {
    for (String key : request.fieldNames()) {
      if (!List.of(SECTIONS).contains(key)) {
        throw Refusal.invalid(key, "unknown setting '" + key + "': give optOut, optIn or help", key);
      }
    }
    return get(accountId).compose(current -> {
      Map<String, List<String>> lists = new HashMap<>(Map.of("optOut", current.optOut(), "optIn", current.optIn(),
          "help", current.help()));
      Map<String, String> replies = new HashMap<>(Map.of("optOut", current.optOutReply(),
          "optIn", current.optInReply(), "help", current.helpReply()));
      for (String section : SECTIONS) {
        Object given = request.getValue(section);
        if (given == null) {
          continue;
        }
        if (!(given instanceof JsonObject s)) {
          throw Refusal.invalid(section, section + " must be an object {keywords, reply}", given.toString());
        }
        if (s.containsKey("keywords")) {
          lists.put(section, keywords(section, Json.texts(s, "keywords")));
        }
        if (s.containsKey("reply")) {
          String reply = Json.text(s, "reply");
          if (reply != null && reply.length() > MAX_REPLY) {
            throw Refusal.invalid(section + ".reply", "a reply is at most " + MAX_REPLY + " characters", null);
          }
          replies.put(section, reply == null ? "" : reply.strip());
        }
      }
      if (lists.get("optOut").isEmpty()) {
        throw Refusal.invalid("optOut.keywords", "there must be at least one opt-out keyword", null);
      }
      Map<String, String> owner = new HashMap<>();
      for (String section : SECTIONS) {
        for (String word : lists.get(section)) {
          String other = owner.putIfAbsent(word, section);
          if (other != null) {
            throw Refusal.invalid(section + ".keywords", "keyword '" + word + "' is both in " + other
                + " and in " + section, word);
          }
        }
      }
      KeywordSettings settings = new KeywordSettings(lists.get("optOut"), lists.get("optIn"), lists.get("help"),
          replies.get("optOut"), replies.get("optIn"), replies.get("help"));
      return pool.preparedQuery("""
              INSERT INTO reply_keywords (account_id, opt_out, opt_in, help, opt_out_reply, opt_in_reply, help_reply)
              VALUES ($1, $2, $3, $4, $5, $6, $7)
              ON CONFLICT (account_id) DO UPDATE SET opt_out = $2, opt_in = $3, help = $4, opt_out_reply = $5,
                opt_in_reply = $6, help_reply = $7, updated_at = now()""")
          .execute(Tuple.of(accountId, settings.optOut().toArray(String[]::new), settings.optIn().toArray(String[]::new),
              settings.help().toArray(String[]::new), settings.optOutReply(), settings.optInReply(), settings.helpReply()))
          .map(settings);
    });
  }

  private static List<String> keywords(String section, List<String> given) {
    if (given.size() > MAX_KEYWORDS) {
      throw Refusal.invalid(section + ".keywords", "at most " + MAX_KEYWORDS + " keywords a list", null);
    }
    Set<String> words = new LinkedHashSet<>();
    for (String g : given) {
      String word = KeywordSettings.normalise(g);
      if (word.isEmpty() || word.length() > MAX_KEYWORD) {
        throw Refusal.invalid(section + ".keywords", "a keyword is 1 to " + MAX_KEYWORD
            + " characters other than spaces", g);
      }
      words.add(word);
    }
    return new ArrayList<>(words);
  }
}
