package io.herald.dispatch;

import io.herald.jobs.JobStore;
import io.herald.messages.Transition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After messages reach a final state, completes the jobs that have nothing left to send. */
final class JobCompletion {
  private static final Logger log = LoggerFactory.getLogger(JobCompletion.class);
  private final JobStore jobs;
  private final java.util.function.Consumer<Set<Long>> completed;

  JobCompletion(JobStore jobs, java.util.function.Consumer<Set<Long>> completed) {
    this.jobs = jobs;
    this.completed = completed;
  }

  void after(List<Transition> transitions) {
    Set<Long> finished = new HashSet<>();
    for (Transition t : transitions) {
      if (t.jobId() != null && t.state().isTerminal()) {
        finished.add(t.jobId());
      }
    }
    if (!finished.isEmpty()) {
      jobs.completeFinished(finished).onSuccess(done -> {
        if (!done.isEmpty()) {
          log.info("jobs {} completed", done);
          completed.accept(Set.copyOf(done));
        }
      });
    }
  }
}
