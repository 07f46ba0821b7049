package io.herald.runtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory for Herald's own threads (drop readers, the simulator's sessions):
 * daemon threads named {@code name-1, name-2, ...}, so a thread dump tells them apart. It remembers
 * its threads because an executor's awaitTermination returns a moment before its last thread has
 * really ended, and {@link #joinAll} promises that none is left.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String name;
  private final AtomicInteger next = new AtomicInteger(1);
  private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

  public DaemonThreads(String name) {
    this.name = name + "-";
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
  public void joinAll(long deadlineNanos) throws InterruptedException {
    for (Thread thread : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
    }
  }
}
