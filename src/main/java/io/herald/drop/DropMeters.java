package io.herald.drop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** herald_drop_files{status} and herald_ingest_rows{source="drop",result}. */
final class DropMeters {
  private final MeterRegistry registry;

  DropMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A file ended in status, with its accepted and rejected rows. */
  void file(String status, long accepted, long rejected) {
    Counter.builder("herald_drop_files").description("Drop files received, by how they ended").tag("status", status)
        .register(registry).increment();
    if (accepted > 0) {
      rows("accepted").increment(accepted);
    }
    if (rejected > 0) {
      rows("rejected").increment(rejected);
    }
  }

  private Counter rows(String result) {
    return Counter.builder("herald_ingest_rows").description("Rows read by ingest, by source and whether they were queued")
        .tag("source", "drop").tag("result", result).register(registry);
  }
}
