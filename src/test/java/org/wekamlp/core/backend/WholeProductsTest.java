package org.wekamlp.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

/**
 * Where OpenBLAS's process-wide thread count is 1 (e.g. {@code OPENBLAS_NUM_THREADS=1}), the OpenBLAS backend
 * multiplies whole, in one call per product; otherwise in pieces. The count is only read: each test sets it
 * itself, as a user would, and puts the original back.
 */
class WholeProductsTest {

  private static final int M = 50;
  private static final int N = 256;
  private static final int K = 717;

  /** @return a product of the first layer's shape on MNIST (a unit of 50 rows, 717 inputs, 256 units) */
  private static double[] product(boolean viaNativeType) {
    Random random = new Random(3);
    try (DoublePointer a = new DoublePointer((long) M * K);
      DoublePointer b = new DoublePointer((long) K * N);
      DoublePointer c = new DoublePointer((long) M * N)) {
      for (long i = 0; i < (long) M * K; i++) {
        a.put(i, random.nextGaussian());
      }
      for (long i = 0; i < (long) K * N; i++) {
        b.put(i, random.nextGaussian());
      }
      if (viaNativeType) {
        NativeType.FLOAT64.product(false, false, M, N, K, a, K, b, N, c, N);
      } else {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
          openblas_nolapack.CblasNoTrans, M, N, K, 1.0, a, K, b, N, 0.0, c, N);
      }
      double[] result = new double[M * N];
      c.get(result);
      return result;
    }
  }

  @Test
  void productsRunWholeExactlyWhenOpenBlasHasOneThread() {
    assertNotNull(Backends.openBlas(Precision.FLOAT64), "OpenBLAS did not load: " + Backends.openBlasProblem());
    int original = OpenBlasThreadsTest.openBlasThreadCount();
    try {
      openblas_nolapack.blas_set_num_threads(1);
      assertTrue(NativeType.runsWhole());
      double[] whole = product(false); // one call, on this thread: OpenBLAS has no other
      assertTrue(Arrays.equals(whole, product(true)), "one thread: the product is not the one-call product");
      openblas_nolapack.blas_set_num_threads(3);
      assertFalse(NativeType.runsWhole());
      double[] pieced = product(true);
      // the pieces sum the inner dimension in other slices than OpenBLAS's own blocks: other last bits
      assertFalse(Arrays.equals(whole, pieced), "three threads: the product was not cut into pieces");
      for (int i = 0; i < whole.length; i++) {
        assertEquals(whole[i], pieced[i], 1e-10 * (1 + Math.abs(whole[i])));
      }
    } finally {
      openblas_nolapack.blas_set_num_threads(original);
    }
  }

  @Test
  void wholeProductsGiveTheSameModelOnAnyThreadCount() {
    Backend blas = Backends.openBlas(Precision.FLOAT64);
    assertNotNull(blas, "OpenBLAS did not load: " + Backends.openBlasProblem());
    int original = OpenBlasThreadsTest.openBlasThreadCount();
    try {
      openblas_nolapack.blas_set_num_threads(1);
      double[][] reference = OpenBlasThreadsTest.train(blas, 1);
      for (int threads : new int[] {2, 3}) {
        double[][] parameters = OpenBlasThreadsTest.train(blas, threads);
        for (int k = 0; k < reference.length; k++) {
          assertTrue(Arrays.equals(reference[k], parameters[k]), "parameter array " + k + " differs between 1 and "
            + threads + " threads");
        }
      }
    } finally {
      openblas_nolapack.blas_set_num_threads(original);
    }
  }
}
