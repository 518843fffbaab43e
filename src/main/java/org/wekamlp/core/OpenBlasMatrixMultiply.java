package org.wekamlp.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.bytedeco.openblas.presets.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link MatrixMultiply} on OpenBLAS's {@code dgemm}, loaded through JavaCPP (the native library ships
 * inside the openblas jar). OpenBLAS runs single-threaded here: the {@link GradientEvaluator} already
 * gives each thread its own chunk of the minibatch, and nesting two thread pools only adds overhead.
 *
 * <p>Loaded by name from {@link MatrixMultiplyBackends}, so that a missing jar or native library only
 * means falling back to EJML.
 */
final class OpenBlasMatrixMultiply implements MatrixMultiply {

  OpenBlasMatrixMultiply() {
    openblas_nolapack.blas_set_num_threads(1);
  }

  @Override
  public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    check(a.numCols == b.numRows, a, b);
    c.reshape(a.numRows, b.numCols, false);
    if (emptyProduct(a.numRows, b.numCols, a.numCols, c)) {
      return;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, a.numRows, b.numCols, a.numCols, 1.0, a.data, a.numCols,
      b.data, b.numCols, 0.0, c.data, c.numCols);
  }

  @Override
  public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    check(a.numRows == b.numRows, a, b);
    c.reshape(a.numCols, b.numCols, false);
    if (emptyProduct(a.numCols, b.numCols, a.numRows, c)) {
      return;
    }
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, a.numCols, b.numCols, a.numRows, 1.0, a.data, a.numCols,
      b.data, b.numCols, 0.0, c.data, c.numCols);
  }

  @Override
  public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    check(a.numCols == b.numCols, a, b);
    c.reshape(a.numRows, b.numRows, false);
    if (emptyProduct(a.numRows, b.numRows, a.numCols, c)) {
      return;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, a.numRows, b.numRows, a.numCols, 1.0, a.data, a.numCols,
      b.data, b.numCols, 0.0, c.data, c.numCols);
  }

  /** BLAS rejects zero dimensions (and leading dimensions of 0); the product is then all zeros. */
  private static boolean emptyProduct(int m, int n, int k, DMatrixRMaj c) {
    if (m == 0 || n == 0 || k == 0) {
      java.util.Arrays.fill(c.data, 0, m * n, 0.0);
      return true;
    }
    return false;
  }

  private static void check(boolean compatible, DMatrixRMaj a, DMatrixRMaj b) {
    if (!compatible) {
      throw new IllegalArgumentException("Incompatible shapes " + a.numRows + "x" + a.numCols + " and " + b.numRows
        + "x" + b.numCols);
    }
  }

  @Override
  public String name() {
    return "OpenBLAS (native dgemm)";
  }
}
