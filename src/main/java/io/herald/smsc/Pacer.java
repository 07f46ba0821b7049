package io.herald.smsc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Releases a connection's submit_sm one per throttle slot, always the most urgent one waiting:
 * the choice is made when the slot comes, so a conversation reply handed over after a thousand
 * bulk texts still goes in the next slot. Each released part is submitted by a worker thread
 * (jsmpp blocks until the response).
 */
final class Pacer {
  /** One submit_sm to make. Lower priority values go first; ties go in arrival order. */
  abstract static class Part implements Comparable<Part>, Runnable {
    private static final AtomicLong ARRIVALS = new AtomicLong();
    final int priority;
    final long arrival = ARRIVALS.incrementAndGet();

    Part(int priority) {
      this.priority = priority;
    }

    @Override
    public int compareTo(Part other) {
      return priority != other.priority ? Integer.compare(priority, other.priority) : Long.compare(arrival, other.arrival);
    }

    /** Called instead of run when the connection stops before the part could go. */
    abstract void abandon();
  }

  private final Throttle throttle;
  private final ExecutorService workers;
  private final PriorityBlockingQueue<Part> waiting = new PriorityBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopped;

  Pacer(String name, Throttle throttle, ExecutorService workers) {
    this.throttle = throttle;
    this.workers = workers;
    this.thread = new Thread(this::loop, "smsc-" + name + "-pacer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void offer(Part part) {
    if (stopped) {
      part.abandon();
      return;
    }
    waiting.add(part);
  }

  /** Stops releasing; parts still waiting are abandoned (their messages go back to the queue). */
  void stop() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Part p; (p = waiting.poll()) != null; ) {
      p.abandon();
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        Part first = waiting.take();
        waiting.add(first); // keep it in the running while the slot comes
        throttle.acquire();
        Part best = waiting.take(); // the most urgent one now, which may have arrived meanwhile
        try {
          workers.execute(best);
        } catch (RejectedExecutionException e) {
          best.abandon();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
