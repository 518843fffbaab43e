package org.wekamlp.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.Activation;
import org.wekamlp.core.Network;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.TrainingConfig;
import org.wekamlp.core.TrainingData;
import org.wekamlp.core.TrainingRun;

/**
 * The OpenBLAS backend leaves OpenBLAS's process-wide state alone: creating it and training with it keeps
 * OpenBLAS's thread count, and its products never run on OpenBLAS's own thread pool (they are cut into pieces
 * that OpenBLAS runs on the calling thread), so other users of OpenBLAS in the same JVM are not affected.
 */
class OpenBlasThreadsTest {

  /** OpenBLAS's process-wide thread count, read from its exported variable (the presets have no getter). */
  static int openBlasThreadCount() {
    return exportedInt("blas_cpu_number");
  }

  /** @return an int that libopenblas exports, e.g. its thread count or the size of its thread pool */
  private static int exportedInt(String symbol) {
    Loader.load(openblas_nolapack.class);
    Pointer address = Loader.addressof(symbol);
    assertNotNull(address, "libopenblas exports no " + symbol);
    return new IntPointer(address).get();
  }

  /**
   * A run that multiplies in pieces: 3,000 rows of 200 inputs, 200-512-10, minibatches of 500 (four units each).
   *
   * @return the trained parameters
   */
  static double[][] train(Backend backend, int threads) {
    Random random = new Random(7);
    int n = 3000;
    DMatrixRMaj x = new DMatrixRMaj(n, 200);
    DMatrixRMaj y = new DMatrixRMaj(n, 10);
    double[] w = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 200; j++) {
        x.data[i * 200 + j] = random.nextGaussian();
      }
      labels[i] = random.nextInt(10);
      y.data[i * 10 + labels[i]] = 1.0;
      w[i] = 1.0;
    }
    TrainingConfig config = new TrainingConfig();
    config.hiddenLayerSizes = new int[] {512};
    config.miniBatchSize = 500;
    config.numThreads = threads;
    config.maxIterations = 2;
    Network network = new Network(new int[] {200, 512, 10}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    try (TrainingRun run = new TrainingRun(network, new TrainingData(x, y, w, labels), config, backend, null)) {
      assertEquals(Math.min(threads, 4), run.numThreads());
      while (run.nextEpoch()) {
        // train
      }
    }
    return network.parameterArrays();
  }

  @Test
  void creatingTheBackendAndTrainingKeepOpenBlasThreadCount() {
    int original = openBlasThreadCount();
    try {
      // a count nobody would choose, so that a backend setting its own (1, say) shows
      openblas_nolapack.blas_set_num_threads(3);
      assertEquals(3, openBlasThreadCount());
      for (Precision precision : Precision.values()) {
        Backend backend = new OpenBlasBackend(precision);
        train(backend, 2);
        assertEquals(3, openBlasThreadCount(), "after creating and training with " + backend.name());
      }
    } finally {
      openblas_nolapack.blas_set_num_threads(original);
    }
  }

  @Test
  void openBlasOwnThreadsDoNoWorkForTheProducts() throws Exception {
    assumeTrue(Files.isDirectory(Paths.get("/proc/self/task")), "needs Linux's /proc");
    int original = openBlasThreadCount();
    // threads that surely belong to OpenBLAS's pool: the ones it starts when asked for more than it has
    Set<Integer> existing = cpuTicks().keySet();
    int count = exportedInt("blas_num_threads") + 2;
    try {
      openblas_nolapack.blas_set_num_threads(count);
      Set<Integer> pool = new HashSet<>(cpuTicks().keySet());
      pool.removeAll(existing);
      assertFalse(pool.isEmpty(), "OpenBLAS started no threads for a count of " + count);
      // they do work on a large product in one call...
      Map<Integer, Long> before = cpuTicks();
      for (int round = 0; round < 3; round++) {
        largeProductInOneCall(1200);
      }
      assertTrue(ticksGained(pool, before, cpuTicks()) >= 2, "OpenBLAS's new threads did not help with a large "
        + "product: they cannot be watched");
      Thread.sleep(500); // OpenBLAS's threads spin for a moment after a job before they sleep
      // ... and none on the products of a training run
      Map<Integer, Long> start = cpuTicks();
      train(Backends.openBlas(Precision.FLOAT64), 2);
      long gained = ticksGained(pool, start, cpuTicks());
      assertTrue(gained <= 1, "OpenBLAS's own threads worked " + gained + " ticks during training");
    } finally {
      openblas_nolapack.blas_set_num_threads(original);
    }
  }

  private static long ticksGained(Set<Integer> threads, Map<Integer, Long> before, Map<Integer, Long> after) {
    long gained = 0;
    for (int thread : threads) {
      gained += after.getOrDefault(thread, 0L) - before.getOrDefault(thread, 0L);
    }
    return gained;
  }

  /** One unpieced dgemm of size x size matrices, which OpenBLAS spreads over its own threads. */
  private static void largeProductInOneCall(int size) {
    try (DoublePointer a = new DoublePointer((long) size * size);
      DoublePointer b = new DoublePointer((long) size * size);
      DoublePointer c = new DoublePointer((long) size * size)) {
      a.fill(0);
      b.fill(0);
      openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
        openblas_nolapack.CblasNoTrans, size, size, size, 1.0, a, size, b, size, 0.0, c, size);
    }
  }

  /** @return user plus system CPU time of every thread of this process, in clock ticks, by thread id */
  private static Map<Integer, Long> cpuTicks() throws IOException {
    Map<Integer, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Paths.get("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.US_ASCII);
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // after the name: state (field 3) ... utime (field 14), stime (field 15)
          ticks.put(Integer.parseInt(task.getFileName().toString()),
            Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException threadEnded) {
          // the thread ended while the list was read
        }
      }
    }
    return ticks;
  }
}
