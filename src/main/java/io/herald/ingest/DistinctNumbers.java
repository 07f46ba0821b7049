package io.herald.ingest;

/** The E.164 numbers already taken from one source, for readers that drop repeats before the job writer. */
public final class DistinctNumbers {
  private final SeenNumbers seen = new SeenNumbers();

  /** True when the number was not seen before (and now is). */
  public boolean add(String e164) {
    return seen.add(e164);
  }
}
