package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.FMatrixRMaj;
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

  /**
   * The float32 copy of the inputs goes to the float32 products as it is: the same numbers as float64 inputs
   * rounded on their way to the products, so the same model to the last bit, for adam (with early stopping, whose
   * validation predicts from the copy) and for lbfgs (whose passes over all rows are cut into rounds).
   */
  @Test
  void float32InputsGiveTheModelOfFloat64InputsRoundedForTheFloat32Products() {
    Backend float32 = openBlas(Precision.FLOAT32);
    TrainingData doubles = TrainingRunTest.blobs(300, 3, 11);
    TrainingData floats = inFloat32(doubles);
    assertEquals(Precision.FLOAT64, doubles.inputPrecision());
    assertEquals(Precision.FLOAT32, floats.inputPrecision());
    assertEquals(300L * 2 * 8, doubles.inputBytes());
    assertEquals(300L * 2 * 4, floats.inputBytes());
    for (Solver solver : new Solver[] {Solver.ADAM, Solver.LBFGS}) {
      TrainingConfig c = tenEpochs(solver);
      c.earlyStopping = solver == Solver.ADAM;
      Network fromDoubles = train(c, doubles, float32);
      Network fromFloats = train(c, floats, float32);
      for (int k = 0; k < fromDoubles.parameterArrays().length; k++) {
        assertArrayEquals(fromDoubles.parameterArrays()[k], fromFloats.parameterArrays()[k], 0.0, solver + " " + k);
      }
    }
  }

  /** Float32 inputs on a backend with float64 products are converted on the heap: within rounding of float64. */
  @Test
  void float32InputsWorkOnEveryBackend() {
    TrainingData doubles = TrainingRunTest.blobs(300, 3, 11);
    TrainingData floats = inFloat32(doubles);
    for (Backend backend : new Backend[] {Backends.ejml(), openBlas(Precision.FLOAT64)}) {
      Network fromDoubles = train(tenEpochs(Solver.ADAM), doubles, backend);
      Network fromFloats = train(tenEpochs(Solver.ADAM), floats, backend);
      for (int k = 0; k < fromDoubles.parameterArrays().length; k++) {
        assertArrayEquals(fromDoubles.parameterArrays()[k], fromFloats.parameterArrays()[k], 1e-4, backend.name());
      }
    }
  }

  private static TrainingData inFloat32(TrainingData data) {
    FMatrixRMaj floats = new FMatrixRMaj(data.numRows(), data.numInputs());
    for (int i = 0; i < floats.data.length; i++) {
      floats.data[i] = (float) data.inputs().data[i];
    }
    return new TrainingData(floats, data.targets(), data.weights(), data.classLabels());
  }

  private static TrainingConfig tenEpochs(Solver solver) {
    TrainingConfig c = TrainingRunTest.config(solver);
    c.hiddenLayerSizes = new int[] {64, 32};
    c.maxIterations = 10;
    c.numThreads = 2;
    return c;
  }

  private static Network train(TrainingConfig c, TrainingData data, Backend backend) {
    Network net = TrainingRunTest.network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    try (TrainingRun run = new TrainingRun(net, data, c, backend, null)) {
      while (run.nextEpoch()) {
        // train
      }
    }
    return net;
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
