package io.herald.dispatch;

import io.herald.jobs.Unit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is waiting to be sent, as last read from the database: the units with queued messages by
 * lane, the running jobs' units (what a message is checked against before it goes), and the queue
 * depth gauges.
 */
final class WaitingWork {
  private final Map<Long, Unit> jobUnits = new HashMap<>();
  private final Map<String, List<Unit>> unitsByLane = new HashMap<>();
  private final Map<String, AtomicLong> queueDepth = new HashMap<>();

  WaitingWork(List<String> lanes, MeterRegistry registry) {
    for (String lane : lanes) {
      AtomicLong depth = new AtomicLong();
      queueDepth.put(lane, depth);
      Gauge.builder("herald_queue_depth", depth, AtomicLong::get).tag("lane", lane)
          .description("Queued messages by lane (due or waiting for their time)").register(registry);
    }
  }

  void read(List<Unit> units) {
    jobUnits.clear();
    unitsByLane.clear();
    Map<String, Long> depth = new HashMap<>();
    for (Unit u : units) {
      if (u.jobId() != null) {
        jobUnits.put(u.jobId(), u);
      }
      if (u.queued() > 0) {
        unitsByLane.computeIfAbsent(u.lane(), k -> new ArrayList<>()).add(u);
      }
      depth.merge(u.lane(), u.queued(), Long::sum);
    }
    queueDepth.forEach((lane, gauge) -> gauge.set(depth.getOrDefault(lane, 0L)));
  }

  boolean isEmpty() {
    return unitsByLane.isEmpty();
  }

  List<Unit> inLane(String lane) {
    return unitsByLane.getOrDefault(lane, List.of());
  }

  /** The running job's unit; null when it is no longer running (paused, cancelled, ended). */
  Unit job(long jobId) {
    return jobUnits.get(jobId);
  }
}
