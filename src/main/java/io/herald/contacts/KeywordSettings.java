package io.herald.contacts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An account's reply keywords and the texts that answer them (an empty text sends no answer).
 * YES is no opt-in keyword by default: people answer "Reply YES to confirm" without ever having
 * opted out. An opt-in keyword acts only for a number that is opted out.
 */
public record KeywordSettings(List<String> optOut, List<String> optIn, List<String> help,
                              String optOutReply, String optInReply, String helpReply) {

  public static final KeywordSettings DEFAULTS = new KeywordSettings(
      List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"),
      List.of("START", "UNSTOP"),
      List.of("HELP", "INFO"),
      "You have been unsubscribed and will receive no more messages. Reply START to subscribe again.",
      "You have been subscribed again. Reply STOP to unsubscribe.",
      "Reply STOP to unsubscribe, START to subscribe again.");

  /**
   * The keyword a reply is, if it is one: the whole message, ignoring case, spaces and trailing
   * full stops or exclamation marks ("Stop", " stop all! " and "S T O P" all match).
   */
  public Optional<KeywordAction> match(String text) {
    String word = normalise(text);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    if (optOut.contains(word)) {
      return Optional.of(KeywordAction.OPT_OUT);
    }
    if (optIn.contains(word)) {
      return Optional.of(KeywordAction.OPT_IN);
    }
    return help.contains(word) ? Optional.of(KeywordAction.HELP) : Optional.empty();
  }

  public String reply(KeywordAction action) {
    return switch (action) {
      case OPT_OUT -> optOutReply;
      case OPT_IN -> optInReply;
      case HELP -> helpReply;
    };
  }

  public static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String word = text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    return word.replaceAll("[.!]+$", "");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("optOut", new JsonObject().put("keywords", new JsonArray(optOut)).put("reply", optOutReply))
        .put("optIn", new JsonObject().put("keywords", new JsonArray(optIn)).put("reply", optInReply))
        .put("help", new JsonObject().put("keywords", new JsonArray(help)).put("reply", helpReply));
  }
}
