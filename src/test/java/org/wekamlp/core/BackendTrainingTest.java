package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;

/**
 * Whole training runs on the accelerated backends against the plain EJML path. The OpenBLAS natives ship for
 * linux-x86_64, which is what this project builds and tests on; the test requires them to load there.
 */
class BackendTrainingTest {

  private static Backend openBlas(Precision precision) {
    Backend blas = Backends.openBlas(precision);
    assertNotNull(blas, "OpenBLAS did not load: " + Backends.openBlasProblem());
    return blas;
  }

  @Test
  void aWholeTrainingRunAgreesBetweenBackends() {
    Network viaEjml = trainTenEpochs(Backends.ejml());
    Network viaBlas = trainTenEpochs(openBlas(Precision.FLOAT64));
    for (int k = 0; k < viaEjml.parameterArrays().length; k++) {
      assertArrayEquals(viaEjml.parameterArrays()[k], viaBlas.parameterArrays()[k], 1e-9);
    }
  }

  @Test
  void aWholeTrainingRunWithFloat32ProductsStaysCloseToFloat64() {
    Network viaEjml = trainTenEpochs(Backends.ejml());
    Network viaFloat32 = trainTenEpochs(openBlas(Precision.FLOAT32));
    double largestDifference = 0.0;
    for (int k = 0; k < viaEjml.parameterArrays().length; k++) {
      double[] expected = viaEjml.parameterArrays()[k];
      double[] actual = viaFloat32.parameterArrays()[k];
      for (int i = 0; i < expected.length; i++) {
        largestDifference = Math.max(largestDifference, Math.abs(expected[i] - actual[i]));
      }
    }
    // 10 epochs of adam on float32 products: the weights (of order 0.1-1) move apart by rounding only
    assertTrue(largestDifference < 1e-4, "largest weight difference " + largestDifference);
    assertTrue(largestDifference > 0.0, "the float32 products gave bit-identical weights: not float32");
  }

  /** Ten adam epochs on 300 rows of three blobs, 2-64-32-3, two threads. */
  private static Network trainTenEpochs(Backend backend) {
    TrainingData data = TrainingRunTest.blobs(300, 3, 11);
    TrainingConfig c = TrainingRunTest.config(Solver.ADAM);
    c.hiddenLayerSizes = new int[] {64, 32};
    c.maxIterations = 10;
    c.numThreads = 2;
    Network net = TrainingRunTest.network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    try (TrainingRun run = new TrainingRun(net, data, c, backend, null)) {
      assertEquals(2, run.numThreads());
      while (run.nextEpoch()) {
        // train
      }
    }
    return net;
  }
}
