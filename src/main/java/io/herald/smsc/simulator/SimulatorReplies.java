package io.herald.smsc.simulator;

import io.herald.accounts.SenderKind;
import io.herald.errors.Refusal;
import io.herald.ingest.PhoneNumbers;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lets an operator try replies (STOP, HELP, anything) without a phone: the built-in simulator sends them to Herald
 * as a carrier would. Not found when Herald runs against a real SMSC.
 */
public final class SimulatorReplies {
  /** A demo reply needs no more; the limit keeps a pasted essay from becoming a hundred deliver_sm. */
  public static final int MAX_PARTS = 10;
  // SMPP destination_addr holds 20 characters; SMSCs take printable ASCII there
  private static final Pattern ADDRESS = Pattern.compile("[\\x20-\\x7E]{1,20}");

  private final Vertx vertx;
  private final SimulatorVerticle simulator;
  private final String region;

  /**
   * @param simulator the simulator verticle, or null when it is not configured
   * @param region where a phone number written without its country code is read
   */
  public SimulatorReplies(Vertx vertx, SimulatorVerticle simulator, String region) {
    this.vertx = vertx;
    this.simulator = simulator;
    this.region = region;
  }

  /** {"running": true, "receivers": n}; fails with 404 when the simulator is not running. */
  public JsonObject status() {
    return new JsonObject().put("running", true).put("receivers", running().receivers());
  }

  /** Checks {"from", "to", "text"} and delivers the reply; 400 naming the field, 409 with nobody bound. */
  public Future<SentReply> send(JsonObject body) {
    SmscSimulator sim = running();
    String from = from(body.getValue("from"));
    String text = text(body.getValue("text"));
    String to = to(body.getValue("to"), sim, from);
    EncodedText encoded = TextEncoder.encode(text);
    if (encoded.segments() > MAX_PARTS) {
      throw Refusal.invalid("text", "text is too long: it takes " + encoded.segments() + " parts of "
          + encoded.encoding() + ", a reply at most " + MAX_PARTS, null);
    }
    // jsmpp blocks until Herald has stored the reply and answered
    return vertx.executeBlocking(() -> {
      try {
        return new SentReply(from, to, text, encoded.encoding().name(), sim.sendReply(from, to, encoded));
      } catch (ReplyFailure e) {
        throw e.reason() == ReplyFailure.Reason.NO_SESSION ? Refusal.conflict(e.getMessage()) : Refusal.upstream(e.getMessage());
      }
    }, false);
  }

  private SmscSimulator running() {
    SmscSimulator sim = simulator == null ? null : simulator.simulator();
    if (sim == null) {
      throw Refusal.notFoundBecause("the SMSC simulator is not running: Herald is connected to a real SMSC");
    }
    return sim;
  }

  private String from(Object given) {
    if (given == null || given instanceof String s && s.isBlank()) {
      throw Refusal.invalid("from", "from is required: the phone number the reply comes from, e.g. +12025550143",
          null);
    }
    Optional<String> e164 = given instanceof String s ? PhoneNumbers.toE164(s, region) : Optional.empty();
    return e164.orElseThrow(() -> Refusal.invalid("from", "from must be a valid phone number, e.g. +12025550143", given));
  }

  private static String text(Object given) {
    if (given != null && !(given instanceof String)) {
      throw Refusal.invalid("text", "text must be a string", given);
    }
    if (given == null || ((String) given).isBlank()) {
      throw Refusal.invalid("text", "text must not be empty", null);
    }
    return (String) given;
  }

  /** The address given, else where the last message to this phone came from. */
  private static String to(Object given, SmscSimulator sim, String from) {
    if (given == null || given instanceof String s && s.isBlank()) {
      return sim.lastSenderTo(from).map(SimulatorReplies::shown).orElseThrow(() -> Refusal.invalid("to", "to is required: the simulator has "
          + "sent nothing to " + from + " since it started, so name the sender, short code or long number", null));
    }
    if (!(given instanceof String s) || !ADDRESS.matcher(s.strip()).matches()) {
      throw Refusal.invalid("to", "to must be a sender, short code or long number of at most 20 letters, digits "
          + "or signs, e.g. Herald or +12025550100", given);
    }
    return s.strip();
  }

  /** A long number as Herald submitted it (digits only) shown, like everywhere else, with its '+'. */
  private static String shown(String submitted) {
    return SenderKind.of(submitted) == SenderKind.LONG_CODE && !submitted.startsWith("+") ? "+" + submitted : submitted;
  }
}
