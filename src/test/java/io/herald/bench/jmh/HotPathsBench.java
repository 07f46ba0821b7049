package io.herald.bench.jmh;

import io.herald.ingest.MobileNumbers;
import io.herald.ingest.PhoneNumbers;
import io.herald.ingest.Template;
import io.herald.smsc.encoding.TextEncoder;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-row and per-message work on ingest and dispatch hot paths (scripts/bench jmh). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HotPathsBench {
  private final Template template = Template.parse("Hi ~first~, your appointment at ~clinic|our clinic~ is on ~date~. Reply STOP to opt out.");
  private final Map<String, String> vars = Map.of("first", "Ana", "clinic", "Northside", "date", "Tue 3 Dec 10:30");
  private final String gsmLong = "Your appointment is confirmed for Tuesday at 10:30 {room 4}. Bring your card. ".repeat(3);
  private final String unicode = "Rappel: rendez-vous mardi à 10h30 😀 merci de confirmer. ".repeat(2);
  private final JsonObject row = new JsonObject().put("to", "(202) 555-0143").put("name", "Ana Diaz")
      .put("vars", new JsonObject().put("first", "Ana").put("date", "Tuesday"));

  /** A drop file's mix: national and E.164 forms of several countries, one a call, so no one pattern stays hot. */
  private final String[] mixed = {"(202) 555-0143", "+44 7911 123456", "+33 6 12 34 56 78", "0049 1512 3456789",
      "415.555.0199", "+1 212-555-0175", "+91 98765 43210", "+49 30 123456", "+61 412 345 678", "617-555-0123",
      "+34 612 34 56 78", "+52 1 55 1234 5678", "+81 90-1234-5678", "312 555 0100", "+55 11 91234-5678",
      "+39 312 345 6789"};
  private int next;

  private String nextMixed() {
    next = (next + 1) & (mixed.length - 1);
    return mixed[next];
  }

  @Benchmark
  public Object phoneMixedToE164() {
    return PhoneNumbers.toE164(nextMixed(), "US");
  }

  @Benchmark
  public Object phoneMixedMobileChoice() {
    return MobileNumbers.choose(List.of(nextMixed()), "US");
  }

  @Benchmark
  public Object phoneNationalToE164() {
    return PhoneNumbers.toE164("(202) 555-0143", "US");
  }

  @Benchmark
  public Object phoneInternationalToE164() {
    return PhoneNumbers.toE164("+44 7911 123456", "US");
  }

  @Benchmark
  public String templateRender() {
    return template.render(vars);
  }

  @Benchmark
  public Object encodeGsm3Parts() {
    return TextEncoder.encode(gsmLong);
  }

  @Benchmark
  public Object encodeUcs2WithEmoji() {
    return TextEncoder.encode(unicode);
  }

  @Benchmark
  public Object recipientRowMapping() {
    return io.herald.ingest.ApiJobsRows.toRow(7, row);
  }
}
