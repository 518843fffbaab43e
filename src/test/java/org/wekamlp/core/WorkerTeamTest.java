package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The worker team that runs the parallel phases of the training loop. */
class WorkerTeamTest {

  @Test
  void everyWorkerRunsEveryPhaseExactlyOnce() {
    try (WorkerTeam team = new WorkerTeam(3)) {
      assertEquals(3, team.size());
      AtomicIntegerArray runs = new AtomicIntegerArray(3);
      for (int phase = 0; phase < 1000; phase++) {
        team.run(runs::incrementAndGet);
      }
      assertArrayEquals(new int[] {1000, 1000, 1000}, new int[] {runs.get(0), runs.get(1), runs.get(2)});
    }
  }

  @Test
  void workerZeroIsTheCallingThreadAndResultsAreVisibleAfterRun() {
    Thread[] threads = new Thread[2];
    long[] sums = new long[2];
    try (WorkerTeam team = new WorkerTeam(2)) {
      team.run(w -> {
        threads[w] = Thread.currentThread();
        for (int i = w; i < 100_000; i += 2) {
          sums[w] += i;
        }
      });
    }
    assertSame(Thread.currentThread(), threads[0]);
    assertEquals(99_999L * 100_000 / 2, sums[0] + sums[1]);
  }

  @Test
  void aWorkersExceptionReachesTheCallerAndTheTeamGoesOn() {
    try (WorkerTeam team = new WorkerTeam(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(w -> {
        if (w == 1) {
          throw new IllegalStateException("worker 1 failed");
        }
      }));
      assertEquals("worker 1 failed", e.getMessage());
      int[] ran = new int[2];
      team.run(w -> ran[w]++);
      assertArrayEquals(new int[] {1, 1}, ran);
    }
  }

  @Test
  void aTeamOfOneRunsInlineAndAClosedTeamRefusesWork() {
    WorkerTeam team = new WorkerTeam(1);
    Thread[] thread = new Thread[1];
    team.run(w -> thread[w] = Thread.currentThread());
    assertSame(Thread.currentThread(), thread[0]);
    team.close();
    team.close();
    assertThrows(IllegalStateException.class, () -> team.run(w -> {
    }));
    assertThrows(IllegalArgumentException.class, () -> new WorkerTeam(0));
  }
}
