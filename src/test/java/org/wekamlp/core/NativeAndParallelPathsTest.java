package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;
import org.wekamlp.core.optim.Adam;

/**
 * The accelerated and parallel paths of gradient evaluation and prediction against the plain path (EJML
 * products on the heap, one thread): OpenBLAS with its operands kept in native memory, several threads,
 * the fused gradient-and-step, block-wise batch prediction.
 */
class NativeAndParallelPathsTest {

  private static final double TOLERANCE = 1e-12;
  /** For the float32 backend: its products keep about 7 significant digits. */
  private static final double FLOAT32_TOLERANCE = 1e-5;
  /**
   * Relative L2 error of a whole weight gradient that float32 products with float64 sums stay under: 3.2e-8
   * measured in the test below; summing the 375 rounds in float32 instead gave 2.7e-7.
   */
  private static final double RELATIVE_FLOAT32_GRADIENT_ERROR = 1e-7;

  private static Backend openBlas() {
    Backend blas = Backends.openBlas(Precision.FLOAT64);
    assertNotNull(blas, "OpenBLAS did not load: " + Backends.openBlasProblem());
    return blas;
  }

  private static Backend openBlasFloat32() {
    openBlas();
    return Backends.openBlas(Precision.FLOAT32);
  }

  private static double tolerance(Backend backend) {
    return backend.precision() == Precision.FLOAT32 ? FLOAT32_TOLERANCE : TOLERANCE;
  }

  /** Random rows with varied instance weights; classification with k classes or regression (k = 1). */
  private static TrainingData data(int n, int inputs, int k, boolean classification, long seed) {
    Random random = new Random(seed);
    DMatrixRMaj x = new DMatrixRMaj(n, inputs);
    DMatrixRMaj y = new DMatrixRMaj(n, k);
    double[] w = new double[n];
    int[] labels = classification ? new int[n] : null;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < inputs; j++) {
        x.data[i * inputs + j] = random.nextGaussian();
      }
      if (classification) {
        labels[i] = random.nextInt(k);
        y.data[i * k + labels[i]] = 1.0;
      } else {
        y.data[i] = random.nextGaussian();
      }
      w[i] = 0.5 + random.nextDouble();
    }
    return new TrainingData(x, y, w, labels);
  }

  private static Network network(int[] sizes, Activation activation, OutputLayer output, long seed) {
    Network network = new Network(sizes, activation, output);
    network.initialize(new Random(seed));
    return network;
  }

  private static int[] shuffledRows(int n, long seed) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    return rows;
  }

  private static void assertClose(double expected, double actual, String what) {
    assertClose(expected, actual, what, TOLERANCE);
  }

  private static void assertClose(double expected, double actual, String what, double tolerance) {
    assertEquals(expected, actual, tolerance * (1 + Math.abs(expected)), what);
  }

  private static void assertClose(Gradient expected, Gradient actual, String what) {
    assertClose(expected, actual, what, TOLERANCE);
  }

  private static void assertClose(Gradient expected, Gradient actual, String what, double tolerance) {
    for (int k = 0; k < expected.arrays().length; k++) {
      for (int i = 0; i < expected.arrays()[k].length; i++) {
        assertClose(expected.arrays()[k][i], actual.arrays()[k][i], what + ", array " + k + " entry " + i, tolerance);
      }
    }
  }

  @Test
  void everyBackendAndThreadCountGivesThePlainGradient() {
    int[][] architectures = {{5, 7, 6, 3}, {4, 3}, {0, 4, 2}, {6, 9, 1}};
    for (int[] sizes : architectures) {
      boolean classification = sizes[sizes.length - 1] > 1;
      int n = 150;
      TrainingData data = data(n, sizes[0], sizes[sizes.length - 1], classification, 3);
      Network network = network(sizes, Activation.TANH,
        classification ? OutputLayer.SOFTMAX_CROSS_ENTROPY : OutputLayer.IDENTITY_SQUARED_ERROR, 5);
      int[] rows = shuffledRows(n, 7);
      Gradient expected = new Gradient(network);
      double expectedLoss;
      try (GradientEvaluator plain = new GradientEvaluator(network, n, 1, Backends.ejml())) {
        expectedLoss = plain.lossAndGradient(data, rows, 0, n, 173.0, 0.3, expected);
      }
      for (Backend multiply : new Backend[] {Backends.ejml(), openBlas(), openBlasFloat32()}) {
        for (int threads : new int[] {1, 2, 3}) {
          // 40 rows per call: the 150 rows take several rounds of chunks, the last one short
          for (int rowsPerCall : new int[] {n, 40}) {
            String what = java.util.Arrays.toString(sizes) + " " + multiply.name() + ", " + threads + " thread(s), "
              + rowsPerCall + " rows per call";
            Gradient actual = new Gradient(network);
            double tolerance = tolerance(multiply);
            try (GradientEvaluator evaluator = new GradientEvaluator(network, rowsPerCall, threads, multiply)) {
              assertClose(expectedLoss, evaluator.lossAndGradient(data, rows, 0, n, 173.0, 0.3, actual), what,
                tolerance);
            }
            assertClose(expected, actual, what, tolerance);
          }
        }
      }
    }
  }

  @Test
  void float32ProductsAreSummedInFloat64OverManyRounds() {
    // 6,000 rows, 16 per call: 375 rounds whose weight gradients add up. Summed in float32, the relative
    // error of the whole gradient grows with the rounds; summed in float64 it stays that of one product.
    int n = 6000;
    TrainingData data = data(n, 50, 10, true, 91);
    Network network = network(new int[] {50, 64, 10}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY, 92);
    int[] rows = shuffledRows(n, 93);
    Gradient expected = new Gradient(network);
    try (GradientEvaluator plain = new GradientEvaluator(network, n, 1, Backends.ejml())) {
      plain.lossAndGradient(data, rows, 0, n, n, 0.0, expected);
    }
    Gradient actual = new Gradient(network);
    try (GradientEvaluator evaluator = new GradientEvaluator(network, 16, 1, openBlasFloat32())) {
      evaluator.lossAndGradient(data, rows, 0, n, n, 0.0, actual);
    }
    double error = 0.0;
    double norm = 0.0;
    for (int layer = 0; layer < 2; layer++) {
      double[] e = expected.weights(layer).data;
      double[] a = actual.weights(layer).data;
      for (int i = 0; i < e.length; i++) {
        error += (e[i] - a[i]) * (e[i] - a[i]);
        norm += e[i] * e[i];
      }
    }
    double relative = Math.sqrt(error / norm);
    assertTrue(relative < RELATIVE_FLOAT32_GRADIENT_ERROR, "relative error of the weight gradient " + relative);
  }

  @Test
  void aShortLastMinibatchFitsTheWorkspaces() {
    // 150 rows in minibatches of 40 on 2 threads: the last 30 rows need both 20-row workspaces (2,000
    // hidden units give each thread enough work for TrainingRun to use both)
    TrainingData data = data(150, 2, 2, true, 71);
    TrainingConfig c = new TrainingConfig();
    c.hiddenLayerSizes = new int[] {2000};
    c.miniBatchSize = 40;
    c.numThreads = 2;
    c.maxIterations = 2;
    Network network = new Network(new int[] {2, 2000, 2}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    network.initialize(new Random(72));
    try (TrainingRun run = new TrainingRun(network, data, c, Backends.ejml(), null)) {
      assertEquals(2, run.numThreads());
      while (run.nextEpoch()) {
        // train
      }
      assertEquals(2, run.history().epochs());
    }
  }

  @Test
  void theNativeCopyOfTheWeightsFollowsChangesBetweenCalls() {
    int n = 64;
    TrainingData data = data(n, 5, 3, true, 11);
    Network network = network(new int[] {5, 8, 3}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY, 12);
    int[] rows = shuffledRows(n, 13);
    try (GradientEvaluator plain = new GradientEvaluator(network, n, 1, Backends.ejml());
      GradientEvaluator blas = new GradientEvaluator(network, n, 2, openBlas())) {
      for (int change = 0; change < 3; change++) {
        network.weights(change % 2).data[change] += 0.25;
        Gradient expected = new Gradient(network);
        Gradient actual = new Gradient(network);
        assertClose(plain.lossAndGradient(data, rows, 0, n, n, 0.0, expected),
          blas.lossAndGradient(data, rows, 0, n, n, 0.0, actual), "loss after change " + change);
        assertClose(expected, actual, "gradient after change " + change);
      }
    }
  }

  @Test
  void theFusedStepEqualsTheGradientFollowedByTheOptimizersUpdate() {
    int n = 120;
    TrainingData data = data(n, 6, 4, true, 21);
    int[] rows = shuffledRows(n, 22);
    Network reference = network(new int[] {6, 10, 4}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY, 23);
    Adam referenceAdam = new Adam(reference.parameterArrays(), 0.01, 0.9, 0.999, 1e-8);
    double[] referenceLosses = new double[4];
    try (GradientEvaluator plain = new GradientEvaluator(reference, 40, 1, Backends.ejml())) {
      Gradient g = new Gradient(reference);
      for (int step = 0; step < 4; step++) {
        int from = (step % 3) * 40;
        referenceLosses[step] = plain.lossAndGradient(data, rows, from, from + 40, 40.0, 0.1, g);
        referenceAdam.update(reference.parameterArrays(), g.arrays());
      }
    }
    for (Backend multiply : new Backend[] {Backends.ejml(), openBlas()}) {
      for (int threads : new int[] {1, 2}) {
        Network network = network(new int[] {6, 10, 4}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY, 23);
        Adam adam = new Adam(network.parameterArrays(), 0.01, 0.9, 0.999, 1e-8);
        try (GradientEvaluator evaluator = new GradientEvaluator(network, 40, threads, multiply)) {
          Gradient g = new Gradient(network);
          for (int step = 0; step < 4; step++) {
            int from = (step % 3) * 40;
            assertClose(referenceLosses[step], evaluator.lossAndStep(data, rows, from, from + 40, 40.0, 0.1, g, adam),
              multiply.name() + ", " + threads + " thread(s), loss of step " + step);
          }
        }
        for (int k = 0; k < network.parameterArrays().length; k++) {
          for (int i = 0; i < network.parameterArrays()[k].length; i++) {
            assertEquals(reference.parameterArrays()[k][i], network.parameterArrays()[k][i], 1e-12,
              multiply.name() + ", " + threads + " thread(s), parameter " + k + "/" + i);
          }
        }
      }
    }
  }

  @Test
  void validationPredictionAgreesAcrossBackendsAndThreads() {
    int n = 90;
    TrainingData data = data(n, 4, 3, true, 31);
    Network network = network(new int[] {4, 7, 3}, Activation.LOGISTIC, OutputLayer.SOFTMAX_CROSS_ENTROPY, 32);
    int[] rows = shuffledRows(n, 33);
    DMatrixRMaj expected = new DMatrixRMaj(n, 3);
    network.predict(data.inputs(), new DMatrixRMaj(1, 1));
    try (GradientEvaluator plain = new GradientEvaluator(network, 30, 1, Backends.ejml())) {
      plain.predict(data.inputs(), rows, 5, n, expected);
    }
    for (Backend multiply : new Backend[] {Backends.ejml(), openBlas()}) {
      for (int threads : new int[] {1, 3}) {
        DMatrixRMaj actual = new DMatrixRMaj(n, 3);
        try (GradientEvaluator evaluator = new GradientEvaluator(network, 48, threads, multiply)) {
          evaluator.predict(data.inputs(), rows, 5, n, actual);
        }
        for (int i = 0; i < (n - 5) * 3; i++) {
          assertClose(expected.data[i], actual.data[i], multiply.name() + ", " + threads + " thread(s), entry " + i);
        }
      }
    }
  }

  @Test
  void batchPredictionAgreesAcrossBackendsThreadsAndBlockBoundaries() {
    // 1,700 multiply-adds per row: one row runs on the heap whatever the backend, 511 rows and more on the
    // backend asked for (WorkPlan.MIN_MULTIPLY_ADDS_OFF_HEAP)
    Network network = network(new int[] {9, 120, 5, 4}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY, 41);
    assertTrue(511L * 1700 >= WorkPlan.MIN_MULTIPLY_ADDS_OFF_HEAP);
    assertTrue(1700 < WorkPlan.MIN_MULTIPLY_ADDS_OFF_HEAP);
    for (int n : new int[] {1, 511, 512, 1300}) {
      DMatrixRMaj inputs = data(n, 9, 4, true, 42 + n).inputs();
      // the reference: the whole matrix in one forward pass on EJML
      Workspace workspace = new Workspace(network, n, false);
      workspace.input().setTo(inputs);
      Backpropagation.forward(network, workspace, heapPass(network, n));
      DMatrixRMaj expected = workspace.output();
      for (Backend multiply : new Backend[] {Backends.ejml(), openBlas(), openBlasFloat32()}) {
        double tolerance = tolerance(multiply);
        for (int threads : new int[] {1, 2, 3}) {
          String what = n + " rows, " + multiply.name() + ", " + threads + " thread(s)";
          DMatrixRMaj fromMatrix = new DMatrixRMaj(1, 1);
          network.predict(inputs, fromMatrix, multiply, threads);
          DMatrixRMaj fromRows = new DMatrixRMaj(1, 1);
          network.predict(n, (row, destination, offset) -> System.arraycopy(inputs.data, row * 9, destination, offset,
            9), fromRows, multiply, threads);
          assertEquals(n, fromMatrix.numRows, what);
          assertEquals(4, fromRows.numCols, what);
          for (int i = 0; i < n * 4; i++) {
            assertClose(expected.data[i], fromMatrix.data[i], what + ", entry " + i, tolerance);
            assertClose(expected.data[i], fromRows.data[i], what + ", row source, entry " + i, tolerance);
          }
        }
      }
    }
  }

  /** A pass of EJML products on the heap, the plain reference. */
  static org.wekamlp.core.backend.Products.Pass heapPass(Network network, int rows) {
    DMatrixRMaj[] weights = new DMatrixRMaj[network.numLayers()];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = network.weights(l);
    }
    return Backends.ejml().products(network.layerSizes(), weights, 1, rows, 1).pass(0);
  }

  @Test
  void aFailingRowSourceFailsThePrediction() {
    Network network = network(new int[] {3, 4, 2}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY, 51);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> network.predict(2000, (row, destination, offset) -> {
        if (row == 1999) {
          throw new IllegalArgumentException("row 1999 has an infinite value");
        }
      }, new DMatrixRMaj(1, 1), Backends.ejml(), 2));
    assertEquals("row 1999 has an infinite value", e.getMessage());
    assertThrows(IllegalArgumentException.class,
      () -> network.predict(new DMatrixRMaj(2, 4), new DMatrixRMaj(1, 1), Backends.ejml(), 1));
  }

  @Test
  void theTrainingLoopAllocatesNothingPerMinibatch() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
      .getThreadMXBean();
    TrainingData data = data(2000, 20, 5, true, 61);
    for (Backend multiply : new Backend[] {Backends.ejml(), openBlas()}) {
      TrainingConfig c = new TrainingConfig();
      c.hiddenLayerSizes = new int[] {64, 32};
      c.miniBatchSize = 100;
      c.numThreads = 2;
      c.maxIterations = 100;
      c.nIterNoChange = 100;
      Network network = new Network(new int[] {20, 64, 32, 5}, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY);
      try (TrainingRun run = new TrainingRun(network, data, c, multiply, null)) {
        assertEquals(2, run.numThreads());
        for (int epoch = 0; epoch < 20; epoch++) {
          run.nextEpoch(); // warm-up: class loading, compilation (interpreted code allocates what compiled code does not)
        }
        long[] ids = trainingThreads();
        long before = allocatedBytes(threads, ids);
        int epochs = 10;
        for (int epoch = 0; epoch < epochs; epoch++) {
          run.nextEpoch();
        }
        long perMinibatch = (allocatedBytes(threads, ids) - before) / (epochs * 20L);
        // a few objects per epoch (the history) are fine; a matrix or array per minibatch is not
        assertTrue(perMinibatch < 32, multiply.name() + ": " + perMinibatch + " bytes allocated per minibatch");
      }
    }
  }

  /** The calling thread and the evaluator's workers. */
  private static long[] trainingThreads() {
    java.util.List<Long> ids = new java.util.ArrayList<>();
    ids.add(Thread.currentThread().getId());
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("mlp-worker")) {
        ids.add(thread.getId());
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  private static long allocatedBytes(com.sun.management.ThreadMXBean threads, long[] ids) {
    long total = 0;
    for (long id : ids) {
      total += Math.max(0, threads.getThreadAllocatedBytes(id));
    }
    return total;
  }
}
