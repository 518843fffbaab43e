package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every accelerated backend against the plain EJML path. The OpenBLAS natives ship for linux-x86_64,
 * which is what this project builds and tests on; the test requires them to load there.
 */
class MatrixMultiplyBackendsTest {

  private static DMatrixRMaj random(int rows, int cols, Random random) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextGaussian();
    }
    return m;
  }

  private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual) {
    assertEquals(expected.numRows, actual.numRows);
    assertEquals(expected.numCols, actual.numCols);
    for (int i = 0; i < expected.numRows * expected.numCols; i++) {
      assertEquals(expected.data[i], actual.data[i], 1e-12 * (1 + Math.abs(expected.data[i])), "entry " + i);
    }
  }

  @Test
  void openBlasLoadsOnThisPlatformAndAgreesWithEjml() {
    MatrixMultiply blas = MatrixMultiplyBackends.openBlas();
    assertNotNull(blas, "OpenBLAS did not load: " + MatrixMultiplyBackends.openBlasProblem());
    assertNull(MatrixMultiplyBackends.openBlasProblem());
    Random random = new Random(1);
    int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {200, 784, 100}, {33, 17, 65}, {1, 100, 10}};
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      DMatrixRMaj a = random(m, k, random);
      DMatrixRMaj b = random(k, n, random);
      DMatrixRMaj expected = new DMatrixRMaj(1, 1);
      DMatrixRMaj actual = new DMatrixRMaj(1, 1);
      MatrixMultiply.EJML.mult(a, b, expected);
      blas.mult(a, b, actual);
      assertClose(expected, actual);

      DMatrixRMaj at = random(k, m, random);
      MatrixMultiply.EJML.multTransA(at, b, expected);
      blas.multTransA(at, b, actual);
      assertClose(expected, actual);

      DMatrixRMaj bt = random(n, k, random);
      MatrixMultiply.EJML.multTransB(a, bt, expected);
      blas.multTransB(a, bt, actual);
      assertClose(expected, actual);
    }
  }

  @Test
  void reshapedWorkspaceMatricesUseOnlyTheirLeadingRows() {
    MatrixMultiply blas = MatrixMultiplyBackends.openBlas();
    assertNotNull(blas);
    Random random = new Random(2);
    DMatrixRMaj a = random(50, 6, random);
    a.reshape(13, 6, false); // capacity for 50 rows, 13 in use, as a workspace after the last minibatch
    DMatrixRMaj b = random(6, 4, random);
    DMatrixRMaj c = new DMatrixRMaj(50, 4);
    DMatrixRMaj expected = new DMatrixRMaj(13, 4);
    MatrixMultiply.EJML.mult(a, b, expected);
    blas.mult(a, b, c);
    assertClose(expected, c);
  }

  @Test
  void zeroInputColumnsGiveAZeroProduct() {
    MatrixMultiply blas = MatrixMultiplyBackends.openBlas();
    DMatrixRMaj a = new DMatrixRMaj(4, 0);
    DMatrixRMaj b = new DMatrixRMaj(0, 3);
    DMatrixRMaj c = new DMatrixRMaj(4, 3);
    java.util.Arrays.fill(c.data, 9.0);
    blas.mult(a, b, c);
    assertArrayEquals(new double[12], c.data, 0.0);
  }

  @Test
  void aWholeTrainingRunAgreesBetweenBackends() {
    Network viaEjml = trainTenEpochs(MatrixMultiply.EJML);
    Network viaBlas = trainTenEpochs(MatrixMultiplyBackends.openBlas());
    for (int k = 0; k < viaEjml.parameterArrays().length; k++) {
      assertArrayEquals(viaEjml.parameterArrays()[k], viaBlas.parameterArrays()[k], 1e-9);
    }
  }

  @Test
  void aWholeTrainingRunWithFloat32ProductsStaysCloseToFloat64() {
    MatrixMultiplyBackends.openBlas();
    Network viaEjml = trainTenEpochs(MatrixMultiply.EJML);
    Network viaFloat32 = trainTenEpochs(MatrixMultiplyBackends.openBlasFloat32());
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
  private static Network trainTenEpochs(MatrixMultiply multiply) {
    TrainingData data = TrainingRunTest.blobs(300, 3, 11);
    TrainingConfig c = TrainingRunTest.config(Solver.ADAM);
    c.hiddenLayerSizes = new int[] {64, 32};
    c.maxIterations = 10;
    c.numThreads = 2;
    Network net = TrainingRunTest.network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    try (TrainingRun run = new TrainingRun(net, data, c, multiply, null)) {
      assertEquals(2, run.numThreads());
      while (run.nextEpoch()) {
        // train
      }
    }
    return net;
  }

  @Test
  void thePropertySelectsTheBackend() {
    String before = System.getProperty(MatrixMultiplyBackends.PROPERTY);
    try {
      System.setProperty(MatrixMultiplyBackends.PROPERTY, "ejml");
      assertSame(MatrixMultiply.EJML, MatrixMultiplyBackends.selected());
      System.setProperty(MatrixMultiplyBackends.PROPERTY, "openblas");
      assertSame(MatrixMultiplyBackends.openBlas(), MatrixMultiplyBackends.selected());
      System.setProperty(MatrixMultiplyBackends.PROPERTY, "auto");
      assertSame(MatrixMultiplyBackends.openBlas(), MatrixMultiplyBackends.selected());
      System.setProperty(MatrixMultiplyBackends.PROPERTY, "openblas-float32");
      assertSame(MatrixMultiplyBackends.openBlasFloat32(), MatrixMultiplyBackends.selected());
      assertEquals("OpenBLAS (native sgemm, float32 products)", MatrixMultiplyBackends.selected().name());
      System.setProperty(MatrixMultiplyBackends.PROPERTY, "cuda");
      IllegalStateException e = assertThrows(IllegalStateException.class, MatrixMultiplyBackends::selected);
      assertEquals("Unknown -Dwekamlp.backend=cuda: use auto, openblas, ejml or openblas-float32.", e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(MatrixMultiplyBackends.PROPERTY);
      } else {
        System.setProperty(MatrixMultiplyBackends.PROPERTY, before);
      }
    }
  }
}
