package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;

/**
 * Same seed, same model, whatever the thread count (issue 11): the minibatch is cut into units and the
 * parameters into shards by the problem alone, so 1, 2, 3 or 5 threads give bit-identical weights on a
 * given backend, for the minibatch solvers and for lbfgs.
 */
class ThreadIndependenceTest {

  private static final int[] THREAD_COUNTS = {1, 2, 3, 5};

  private static TrainingData data(int n, int inputs, int classes, long seed) {
    Random random = new Random(seed);
    DMatrixRMaj x = new DMatrixRMaj(n, inputs);
    DMatrixRMaj y = new DMatrixRMaj(n, classes);
    double[] w = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
      for (int j = 0; j < inputs; j++) {
        x.data[i * inputs + j] = random.nextGaussian() + (j % classes == labels[i] ? 1.0 : 0.0);
      }
      y.data[i * classes + labels[i]] = 1.0;
      w[i] = 0.5 + random.nextDouble();
    }
    return new TrainingData(x, y, w, labels);
  }

  private static Backend openBlas() {
    Backend blas = Backends.openBlas(Precision.FLOAT64);
    assertNotNull(blas, "OpenBLAS did not load: " + Backends.openBlasProblem());
    return blas;
  }

  /** Trains 30-256-64-4 (two parameter shards, four units per minibatch) and returns its parameters. */
  private static double[][] train(Solver solver, int threads, Backend backend) {
    TrainingData data = data(400, 30, 4, 17);
    TrainingConfig config = new TrainingConfig();
    config.solver = solver;
    config.hiddenLayerSizes = new int[] {256, 64};
    config.alpha = 0.01;
    config.maxIterations = solver == Solver.LBFGS ? 4 : 3;
    config.numThreads = threads;
    Network network = new Network(new int[] {30, 256, 64, 4}, config.activation, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    try (TrainingRun run = new TrainingRun(network, data, config, backend, null)) {
      // at most one thread per unit: four units per minibatch and per round of lbfgs here
      assertEquals(Math.min(threads, 4), run.numThreads(), "threads used");
      while (run.nextEpoch()) {
        // train
      }
    }
    return network.parameterArrays();
  }

  private static void assertSameModelForEveryThreadCount(Solver solver, Backend backend) {
    double[][] reference = train(solver, 1, backend);
    for (int threads : THREAD_COUNTS) {
      double[][] parameters = train(solver, threads, backend);
      for (int k = 0; k < reference.length; k++) {
        assertTrue(Arrays.equals(reference[k], parameters[k]), solver + ", " + backend.name() + ": parameter array "
          + k + " differs between 1 and " + threads + " threads");
      }
    }
  }

  @Test
  void adamGivesBitIdenticalModelsOnAnyThreadCount() {
    assertSameModelForEveryThreadCount(Solver.ADAM, Backends.ejml());
    assertSameModelForEveryThreadCount(Solver.ADAM, openBlas());
  }

  @Test
  void lbfgsGivesBitIdenticalModelsOnAnyThreadCount() {
    assertSameModelForEveryThreadCount(Solver.LBFGS, Backends.ejml());
    assertSameModelForEveryThreadCount(Solver.LBFGS, openBlas());
  }
}
