package io.herald.drop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** herald_drop_files{status}; the files' rows are counted by the intake (herald_ingest_rows{source="drop"}). */
final class DropMeters {
  private final MeterRegistry registry;

  DropMeters(MeterRegistry registry) {
    this.registry = registry;
    // every way a file can end has its series from the start: a rate of 0, not a missing one
    for (String status : java.util.List.of("processed", "error", "duplicate")) {
      counter(status);
    }
  }

  /** A file ended in status. */
  void file(String status) {
    counter(status).increment();
  }

  private Counter counter(String status) {
    return Counter.builder("herald_drop_files").description("Drop files received, by how they ended").tag("status", status)
        .register(registry);
  }
}
