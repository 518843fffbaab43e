package org.wekamlp.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that run one task at a time, each worker on its own share, with the calling
 * thread as worker 0. Made for the training loop, which hands out several short parallel phases per
 * minibatch: a phase is published by bumping a generation counter, and idle workers spin briefly before
 * parking, so a hand-off costs microseconds instead of an executor's queue, futures and wake-ups.
 *
 * <p>Not thread-safe: one thread (the owner) calls {@link #run}. {@link #close()} stops the workers.
 */
final class WorkerTeam implements AutoCloseable {

  /** A parallel phase: called once per worker with that worker's index. */
  interface Task {

    /**
     * @param worker 0 (the calling thread) to size - 1
     */
    void run(int worker);
  }

  /**
   * How long an idle thread spins before parking. The phases of a minibatch follow each other within
   * microseconds, and chunks finish within tens of microseconds of each other; longer waits (between
   * epochs, or when the machine is oversubscribed) park, leaving the core to others.
   */
  private static final long SPIN_NANOS = 50_000;
  private static final AtomicInteger TEAM_COUNT = new AtomicInteger();

  private final Thread[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile int generation;
  private volatile Task task;
  private volatile Thread owner;
  private volatile boolean closed;
  private volatile Throwable failure;

  /**
   * @param size number of workers including the calling thread, at least 1
   */
  WorkerTeam(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A team needs at least one worker, got " + size);
    }
    workers = new Thread[size - 1];
    int team = TEAM_COUNT.incrementAndGet();
    for (int w = 1; w < size; w++) {
      final int index = w;
      Thread thread = new Thread(() -> work(index), "mlp-worker-" + team + "-" + w);
      thread.setDaemon(true);
      workers[w - 1] = thread;
      thread.start();
    }
  }

  /** @return number of workers, the calling thread included */
  int size() {
    return workers.length + 1;
  }

  /**
   * Runs the task on every worker and returns when all have finished. The first exception thrown by any
   * worker is rethrown here (after all workers finished).
   *
   * @param phase the task; worker 0 runs in the calling thread
   */
  void run(Task phase) {
    if (closed) {
      throw new IllegalStateException("The worker team has been closed.");
    }
    if (workers.length == 0) {
      phase.run(0);
      return;
    }
    failure = null;
    owner = Thread.currentThread();
    task = phase;
    pending.set(workers.length);
    generation++; // publishes task and pending to the workers (volatile write after them)
    for (Thread worker : workers) {
      LockSupport.unpark(worker);
    }
    Throwable own = null;
    try {
      phase.run(0);
    } catch (RuntimeException | Error e) {
      own = e;
    }
    awaitWorkers();
    task = null;
    Throwable first = own != null ? own : failure;
    if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    }
    if (first instanceof Error) {
      throw (Error) first;
    }
  }

  private void awaitWorkers() {
    long start = System.nanoTime();
    while (pending.get() > 0) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
  }

  private void work(int index) {
    int seen = 0;
    while (true) {
      long start = System.nanoTime();
      while (generation == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        task.run(index);
      } catch (Throwable e) {
        if (failure == null) {
          failure = e;
        }
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(owner);
      }
    }
  }

  /** Stops the workers; the team cannot run tasks afterwards. Safe to call more than once. */
  @Override
  public void close() {
    closed = true;
    for (Thread worker : workers) {
      LockSupport.unpark(worker);
    }
  }
}
