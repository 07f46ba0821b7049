package io.herald.smsc.simulator;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with a recognisable prefix, so a thread dump can tell ours apart. It remembers its threads because
 * an executor's awaitTermination returns a moment before its last thread has really ended, and close() promises that
 * none is left.
 */
final class NamedThreadFactory implements ThreadFactory {
  static final String PREFIX = "herald-smsc-sim-";

  private final String name;
  private final AtomicInteger next = new AtomicInteger(1);
  private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

  NamedThreadFactory(String role) {
    this.name = PREFIX + role + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    threads.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
    Thread thread = new Thread(task, name + next.getAndIncrement());
    thread.setDaemon(true);
    threads.add(thread);
    return thread;
  }

  /** Waits until every thread made here has ended, at most until {@code deadlineNanos} (a System.nanoTime value). */
  void joinAll(long deadlineNanos) throws InterruptedException {
    for (Thread thread : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
    }
  }
}
