package org.wekamlp.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link MatrixMultiply} on OpenBLAS's {@code dgemm}, loaded through JavaCPP (the native library ships
 * inside the openblas jar). OpenBLAS runs single-threaded here: the {@link GradientEvaluator} already
 * gives each thread its own chunk of the minibatch, and nesting two thread pools only adds overhead.
 *
 * <p>Operands travel through native buffers kept per thread: only the rows in use are copied in, and only
 * the product is copied out. Handing Java arrays to the native call directly would make JNI copy every
 * array whole (workspaces are sized for the largest chunk) in both directions, inputs included, on every
 * product.
 *
 * <p>Loaded by name from {@link MatrixMultiplyBackends}, so that a missing jar or native library only
 * means falling back to EJML.
 */
final class OpenBlasMatrixMultiply implements MatrixMultiply, MatrixProducts.NativeProducts {

  /** Buffers larger than this many doubles (32 MB) are freed after the product instead of being kept. */
  private static final long RETAINED_BUFFER_LIMIT = 4L << 20;

  private static final ThreadLocal<NativeOperands> OPERANDS = ThreadLocal.withInitial(NativeOperands::new);

  /** One thread's native copies of the three operands of a product, grown as needed and reused. */
  private static final class NativeOperands {
    private final DoublePointer[] buffers = new DoublePointer[3];

    /** @return buffer {@code slot} holding {@code values[0..length)} */
    DoublePointer load(int slot, double[] values, int length) {
      DoublePointer buffer = reserve(slot, length);
      buffer.put(values, 0, length);
      return buffer;
    }

    /** @return buffer {@code slot} with room for at least {@code length} doubles */
    DoublePointer reserve(int slot, int length) {
      DoublePointer buffer = buffers[slot];
      if (buffer == null || buffer.capacity() < length) {
        if (buffer != null) {
          buffer.close();
        }
        buffer = new DoublePointer(Math.max(1, length));
        buffers[slot] = buffer;
      }
      return buffer;
    }

    /** Frees the buffers that grew beyond the retained size (a prediction over a very large matrix). */
    void trim() {
      for (int slot = 0; slot < buffers.length; slot++) {
        if (buffers[slot] != null && buffers[slot].capacity() > RETAINED_BUFFER_LIMIT) {
          buffers[slot].close();
          buffers[slot] = null;
        }
      }
    }
  }

  private final NativePrecision precision;

  /** The float64 backend. */
  OpenBlasMatrixMultiply() {
    this(NativePrecision.FLOAT64);
  }

  /**
   * @param precision the number type of the training and prediction passes' products ({@link #products});
   *     the single products of {@link #mult} and its siblings are always float64
   */
  OpenBlasMatrixMultiply(NativePrecision precision) {
    openblas_nolapack.blas_set_num_threads(1);
    this.precision = precision;
  }

  @Override
  public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    check(a.numCols == b.numRows, a, b);
    c.reshape(a.numRows, b.numCols, false);
    if (emptyProduct(a.numRows, b.numCols, a.numCols, c)) {
      return;
    }
    product(CblasNoTrans, CblasNoTrans, a.numRows, b.numCols, a.numCols, a, b, c);
  }

  @Override
  public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    check(a.numRows == b.numRows, a, b);
    c.reshape(a.numCols, b.numCols, false);
    if (emptyProduct(a.numCols, b.numCols, a.numRows, c)) {
      return;
    }
    product(CblasTrans, CblasNoTrans, a.numCols, b.numCols, a.numRows, a, b, c);
  }

  @Override
  public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    check(a.numCols == b.numCols, a, b);
    c.reshape(a.numRows, b.numRows, false);
    if (emptyProduct(a.numRows, b.numRows, a.numCols, c)) {
      return;
    }
    product(CblasNoTrans, CblasTrans, a.numRows, b.numRows, a.numCols, a, b, c);
  }

  /** c (m x n) = op(a) op(b) with the inner dimension k, all row-major with their own column counts. */
  private static void product(int transA, int transB, int m, int n, int k, DMatrixRMaj a, DMatrixRMaj b,
    DMatrixRMaj c) {
    NativeOperands operands = OPERANDS.get();
    int sizeA = a.numRows * a.numCols;
    int sizeB = b.numRows * b.numCols;
    DoublePointer nativeA = operands.load(0, a.data, sizeA);
    DoublePointer nativeB = operands.load(1, b.data, sizeB);
    DoublePointer nativeC = operands.reserve(2, m * n);
    NativePrecision.FLOAT64.gemm(transA, transB, m, n, k, nativeA, a.numCols, nativeB, b.numCols, 0.0, nativeC, n);
    nativeC.get(c.data, 0, m * n);
    operands.trim();
  }

  @Override
  public MatrixProducts products(Network network, int workers) {
    return new OpenBlasProducts(network, workers, precision);
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
    return precision == NativePrecision.FLOAT64 ? "OpenBLAS (native dgemm)"
      : "OpenBLAS (native " + precision.description() + ")";
  }
}
