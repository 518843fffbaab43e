package org.wekamlp.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Every accelerated backend's products against EJML's, through the products a training pass uses, and the
 * choice of the backend. The OpenBLAS natives ship for linux-x86_64, which is what this project builds and tests
 * on; the tests require them to load there. {@code OpenBlasThreadsTest} checks that OpenBLAS's own thread pool
 * is left alone.
 */
class BackendsTest {

  private static Backend openBlas(Precision precision) {
    Backend blas = Backends.openBlas(precision);
    assertNotNull(blas, "OpenBLAS did not load: " + Backends.openBlasProblem());
    return blas;
  }

  private static DMatrixRMaj random(int rows, int cols, Random random) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextGaussian();
    }
    return m;
  }

  private static void assertClose(double[] expected, double[] actual, int count, double tolerance, String what) {
    for (int i = 0; i < count; i++) {
      assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])), what + ", entry " + i);
    }
  }

  /**
   * Layer 1 of a network 1-k-n on m rows, as a training pass runs it: out = A W, the weight gradient A^T D over
   * the pass's rows, and the delta D W^T, each against EJML.
   */
  private static void assertLayerAgrees(Backend backend, int m, int k, int n, int capacity, Random random,
    double tolerance) {
    DMatrixRMaj[] weights = {new DMatrixRMaj(1, k), random(k, n, random)};
    DMatrixRMaj activations = random(capacity, k, random);
    activations.reshape(m, k, false); // capacity for more rows, m in use, as a workspace after a short minibatch
    DMatrixRMaj delta = random(capacity, n, random);
    delta.reshape(m, n, false);
    DMatrixRMaj out = new DMatrixRMaj(capacity, n);
    DMatrixRMaj back = new DMatrixRMaj(capacity, k);
    double[] gradient = new double[k * n];
    String what = backend.name() + ", " + m + "x" + k + "x" + n;
    try (Products products = backend.products(new int[] {1, k, n}, weights, 1, capacity, 1)) {
      if (products.keepsWeights()) {
        products.syncWeights(0, 1, 0, k * n);
      }
      Products.Pass pass = products.pass(0);
      pass.forward(1, activations, out);
      pass.keepDelta(1, delta);
      products.weightGradient(0, 1, 0, k, m, false, gradient);
      pass.delta(1, delta, back);
    }
    assertEquals(m, out.numRows, what);
    assertClose(CommonOps_DDRM.mult(activations, weights[1], null).data, out.data, m * n, tolerance, what + " A W");
    assertClose(CommonOps_DDRM.multTransA(activations, delta, null).data, gradient, k * n, tolerance,
      what + " A^T D");
    assertClose(CommonOps_DDRM.multTransB(delta, weights[1], null).data, back.data, m * k, tolerance, what + " D W^T");
  }

  @Test
  void openBlasLoadsOnThisPlatformAndAgreesWithEjml() {
    assertNull(Backends.openBlasProblem(), Backends.openBlasProblem());
    Random random = new Random(1);
    int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {200, 784, 100}, {33, 17, 65}, {1, 100, 10}, {130, 70, 1}};
    for (int[] s : shapes) {
      assertLayerAgrees(openBlas(Precision.FLOAT64), s[0], s[1], s[2], s[0], random, 1e-12);
      // float32 keeps about 7 digits of each product term: sums of up to 784 terms of order 1 lose about 1e-5
      assertLayerAgrees(openBlas(Precision.FLOAT32), s[0], s[1], s[2], s[0], random, 1e-4);
      assertLayerAgrees(Backends.ejml(), s[0], s[1], s[2], s[0], random, 0.0);
    }
  }

  @Test
  void reshapedWorkspaceMatricesUseOnlyTheirLeadingRows() {
    Random random = new Random(2);
    assertLayerAgrees(openBlas(Precision.FLOAT64), 13, 6, 4, 50, random, 1e-12);
    assertLayerAgrees(Backends.ejml(), 13, 6, 4, 50, random, 0.0);
  }

  @Test
  void aLargeProductInManyPiecesIsRight() {
    // 4,200 x 1,000 times 1,000 x 2: hundreds of pieces in each of the three products
    assertLayerAgrees(openBlas(Precision.FLOAT64), 4200, 1000, 2, 4200, new Random(81), 1e-12);
  }

  @Test
  void theWeightGradientSumsTheRoundsPassesAndAddsWhenAsked() {
    // two passes of 9 and 4 rows: one product over the 13 rows of the round, onto what the destination held
    Random random = new Random(3);
    for (Backend backend : new Backend[] {Backends.ejml(), openBlas(Precision.FLOAT64)}) {
      DMatrixRMaj[] weights = {random(5, 3, random)};
      DMatrixRMaj all = random(13, 5, random);
      DMatrixRMaj allDelta = random(13, 3, random);
      DMatrixRMaj[] in = {CommonOps_DDRM.extract(all, 0, 9, 0, 5), CommonOps_DDRM.extract(all, 9, 13, 0, 5)};
      DMatrixRMaj[] delta = {CommonOps_DDRM.extract(allDelta, 0, 9, 0, 3),
        CommonOps_DDRM.extract(allDelta, 9, 13, 0, 3)};
      double[] gradient = new double[15];
      java.util.Arrays.fill(gradient, 1.0);
      try (Products products = backend.products(new int[] {5, 3}, weights, 2, 9, 2)) {
        products.syncWeights(0, 0, 0, 15);
        for (int p = 0; p < 2; p++) {
          products.pass(p).forward(0, in[p], new DMatrixRMaj(9, 3));
          products.pass(p).keepDelta(0, delta[p]);
        }
        // rows 1..4 of W by worker 1, adding; rows 0 and 4 by worker 0, overwriting
        products.weightGradient(1, 0, 1, 4, 13, true, gradient);
        products.weightGradient(0, 0, 0, 1, 13, false, gradient);
        products.weightGradient(0, 0, 4, 5, 13, false, gradient);
      }
      double[] expected = CommonOps_DDRM.multTransA(all, allDelta, null).data;
      for (int i = 3; i < 12; i++) {
        expected[i] += 1.0;
      }
      assertClose(expected, gradient, 15, 1e-12, backend.name());
    }
  }

  @Test
  void zeroInputColumnsGiveAZeroProduct() {
    for (Backend backend : new Backend[] {Backends.ejml(), openBlas(Precision.FLOAT64)}) {
      DMatrixRMaj out = new DMatrixRMaj(4, 3);
      java.util.Arrays.fill(out.data, 9.0);
      try (Products products = backend.products(new int[] {0, 3}, new DMatrixRMaj[] {new DMatrixRMaj(0, 3)}, 1, 4,
        1)) {
        products.pass(0).forward(0, new DMatrixRMaj(4, 0), out);
      }
      assertArrayEquals(new double[12], out.data, 0.0, backend.name());
    }
  }

  @Test
  void thePropertySelectsTheBackend() {
    String before = System.getProperty(Backends.PROPERTY);
    try {
      System.setProperty(Backends.PROPERTY, "ejml");
      assertSame(Backends.ejml(), Backends.selected());
      System.setProperty(Backends.PROPERTY, "openblas");
      assertSame(openBlas(Precision.FLOAT64), Backends.selected());
      System.setProperty(Backends.PROPERTY, "auto");
      assertSame(openBlas(Precision.FLOAT64), Backends.selected());
      System.setProperty(Backends.PROPERTY, "openblas-float32");
      assertSame(openBlas(Precision.FLOAT32), Backends.selected());
      assertEquals("OpenBLAS (native sgemm, float32 products)", Backends.selected().name());
      assertEquals(Precision.FLOAT32, Backends.selected().precision());
      System.setProperty(Backends.PROPERTY, "cuda");
      IllegalStateException e = assertThrows(IllegalStateException.class, Backends::selected);
      assertEquals("Unknown -Dwekamlp.backend=cuda: use auto, openblas, ejml or openblas-float32.", e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(Backends.PROPERTY);
      } else {
        System.setProperty(Backends.PROPERTY, before);
      }
    }
  }

  @Test
  void thePrecisionIsAParameterOfTheChoice() {
    assertSame(openBlas(Precision.FLOAT32), Backends.select("auto", Precision.FLOAT32));
    assertSame(openBlas(Precision.FLOAT64), Backends.select("openblas", Precision.FLOAT64));
    assertEquals("OpenBLAS (native dgemm)", Backends.select("openblas", Precision.FLOAT64).name());
    assertSame(Backends.ejml(), Backends.select("ejml", Precision.FLOAT64));
    IllegalStateException e = assertThrows(IllegalStateException.class,
      () -> Backends.select("ejml", Precision.FLOAT32));
    assertEquals("EJML multiplies in float64 only; float32 products need OpenBLAS.", e.getMessage());
    assertTrue(Backends.ejml().name().startsWith("EJML"));
  }
}
