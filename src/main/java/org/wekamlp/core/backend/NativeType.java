package org.wekamlp.core.backend;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.OPENBLAS_GEMM_MULTITHREAD_THRESHOLD;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The number type of the operands that {@link OpenBlasProducts} keeps in native memory: float64 with
 * {@code dgemm}, or float32 with {@code sgemm}, converted from and to the heap's doubles on the way in and out.
 *
 * <p>Unless OpenBLAS runs single-threaded (below), every product is cut into pieces of at most
 * {@link #PIECE_MULTIPLY_ADDS} multiply-adds, the size up to which OpenBLAS's {@code ?gemm} always runs on the
 * calling thread (its interface hands larger products to its own thread pool when that has more than one thread).
 * So the products never change OpenBLAS's process-wide thread count and never run on its pool: the caller's threads
 * are the only ones, and the pieces of a product depend on its shape alone, so its result does too.
 *
 * <p>Where OpenBLAS's process-wide thread count is already 1 (the user started the JVM with
 * {@code OPENBLAS_NUM_THREADS=1}, or something else set it), OpenBLAS has no threads to hand a product to, and each
 * product runs whole, in one call: fewer, larger calls (the products of one minibatch of MNIST
 * 784-256-128-10, four units of 50 rows, took 4.6-5.1 ms whole against 5.1-5.7 ms in pieces on one thread). The count is
 * read (never set) at every product, so a product never goes to OpenBLAS's pool. A whole product sums over the inner
 * dimension in OpenBLAS's own blocks instead of the pieces' slices, so its last bits can differ from the pieced one;
 * with either setting the result depends on the shape alone.
 *
 * <p>Every method works at the pointer's current position, counted in elements of this type.
 */
enum NativeType {

  /** float64 operands, {@code dgemm}. */
  FLOAT64 {

    @Override
    Pointer allocate(long elements) {
      return new DoublePointer(Math.max(1L, elements));
    }

    @Override
    Pointer view(Pointer buffer) {
      return new DoublePointer(buffer);
    }

    @Override
    void put(Pointer destination, double[] source, int from, int length) {
      ((DoublePointer) destination).put(source, from, length);
    }

    @Override
    void get(Pointer source, double[] destination, int from, int length) {
      ((DoublePointer) source).get(destination, from, length);
    }

    @Override
    void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb, double beta,
      Pointer c, int ldc) {
      cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1.0, (DoublePointer) a, lda, (DoublePointer) b, ldb, beta,
        (DoublePointer) c, ldc);
    }
  },

  /** float32 operands, {@code sgemm}: twice the product rate, at float32's precision. */
  FLOAT32 {

    @Override
    Pointer allocate(long elements) {
      return new FloatPointer(Math.max(1L, elements));
    }

    @Override
    Pointer view(Pointer buffer) {
      return new FloatPointer(buffer);
    }

    @Override
    void put(Pointer destination, double[] source, int from, int length) {
      FloatPointer floats = (FloatPointer) destination;
      float[] scratch = SCRATCH.get();
      long start = floats.position();
      for (int done = 0; done < length; done += scratch.length) {
        int count = Math.min(scratch.length, length - done);
        int offset = from + done;
        for (int i = 0; i < count; i++) {
          scratch[i] = (float) source[offset + i];
        }
        floats.position(start + done).put(scratch, 0, count);
      }
      floats.position(start);
    }

    @Override
    void get(Pointer source, double[] destination, int from, int length) {
      FloatPointer floats = (FloatPointer) source;
      float[] scratch = SCRATCH.get();
      long start = floats.position();
      for (int done = 0; done < length; done += scratch.length) {
        int count = Math.min(scratch.length, length - done);
        floats.position(start + done).get(scratch, 0, count);
        int offset = from + done;
        for (int i = 0; i < count; i++) {
          destination[offset + i] = scratch[i];
        }
      }
      floats.position(start);
    }

    @Override
    void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb, double beta,
      Pointer c, int ldc) {
      cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, 1.0f, (FloatPointer) a, lda, (FloatPointer) b, ldb,
        (float) beta, (FloatPointer) c, ldc);
    }
  };

  /**
   * The largest product OpenBLAS's {@code ?gemm} never hands to its own threads: it runs a product of m*n*k
   * multiply-adds single-threaded up to 65,536 times its build constant {@code GEMM_MULTITHREAD_THRESHOLD}
   * (interface/gemm.c; 4 in this build, so 262,144 = 64<sup>3</sup>). Where OpenBLAS turns a product with one
   * row or column into a matrix-vector product, that runs single-threaded up to 460,800 multiply-adds. Checked by
   * a test that watches OpenBLAS's threads.
   */
  static final long PIECE_MULTIPLY_ADDS = 65536L * OPENBLAS_GEMM_MULTITHREAD_THRESHOLD;
  /** The side of a piece in the two output dimensions: a cube of {@link #PIECE_MULTIPLY_ADDS} when it fits. */
  private static final int PIECE_SIDE = pieceSide();

  /** OpenBLAS's process-wide thread count as libopenblas exports it, or null where it does not. */
  private static final IntPointer THREAD_COUNT = threadCountVariable();

  /** Per thread, the floats converted on their way in or out: small enough for the L1 cache. */
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2048]);

  /** @return the largest side up to 64 whose cube is at most {@link #PIECE_MULTIPLY_ADDS} */
  private static int pieceSide() {
    int side = 64;
    while (side > 1 && (long) side * side * side > PIECE_MULTIPLY_ADDS) {
      side--;
    }
    return side;
  }

  private static IntPointer threadCountVariable() {
    Loader.load(openblas_nolapack.class);
    Pointer address = Loader.addressof("blas_cpu_number");
    return address == null ? null : new IntPointer(address);
  }

  /**
   * @return whether OpenBLAS's process-wide thread count is 1 right now, so that a product in one call stays on the
   *     calling thread
   */
  static boolean runsWhole() {
    return THREAD_COUNT != null && THREAD_COUNT.get() == 1;
  }

  /**
   * @param precision the number type of the products
   * @return the native type for it
   */
  static NativeType of(Precision precision) {
    return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
  }

  /** @return a new native buffer of at least one element */
  abstract Pointer allocate(long elements);

  /** @return a new pointer to the same memory, whose position can be moved independently */
  abstract Pointer view(Pointer buffer);

  /** Copies {@code source[from .. from + length)} to the destination's position onwards. */
  abstract void put(Pointer destination, double[] source, int from, int length);

  /** Copies {@code length} elements from the source's position onwards into {@code destination[from ..]}. */
  abstract void get(Pointer source, double[] destination, int from, int length);

  /** Row-major {@code c = op(a) op(b) + beta c}, with alpha 1, in one BLAS call. */
  abstract void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb,
    double beta, Pointer c, int ldc);

  /**
   * Row-major {@code c = op(a) op(b)} (m x n, inner dimension k): in one call where OpenBLAS runs single-threaded
   * ({@link #runsWhole()}), else in pieces of at most {@link #PIECE_MULTIPLY_ADDS}: blocks of c of at most {@code PIECE_SIDE} squared elements, each summed over
   * consecutive slices of k (the first assigned, the others added). The pointers' positions are moved during
   * the call and restored at its end, so they must not be shared with another thread meanwhile. Does nothing
   * when a dimension is 0 (BLAS rejects those): the caller then knows the product is all zeros.
   *
   * @param transA whether a is stored transposed (k x m)
   * @param transB whether b is stored transposed (n x k)
   * @param m rows of c
   * @param n columns of c
   * @param k the inner dimension
   * @param a the left operand at its first element. Not modified.
   * @param lda a's row length as stored
   * @param b the right operand at its first element. Not modified.
   * @param ldb b's row length as stored
   * @param c the product at its first element. Modified.
   * @param ldc c's row length
   */
  void product(boolean transA, boolean transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb,
    Pointer c, int ldc) {
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    int opA = transA ? CblasTrans : CblasNoTrans;
    int opB = transB ? CblasTrans : CblasNoTrans;
    if (runsWhole()) {
      gemm(opA, opB, m, n, k, a, lda, b, ldb, 0.0, c, ldc);
      return;
    }
    long baseA = a.position();
    long baseB = b.position();
    long baseC = c.position();
    for (int i = 0; i < m; i += PIECE_SIDE) {
      int rows = Math.min(PIECE_SIDE, m - i);
      for (int j = 0; j < n; j += PIECE_SIDE) {
        int columns = Math.min(PIECE_SIDE, n - j);
        c.position(baseC + (long) i * ldc + j);
        int depth = (int) Math.max(1, Math.min(k, PIECE_MULTIPLY_ADDS / ((long) rows * columns)));
        for (int p = 0; p < k; p += depth) {
          a.position(baseA + (transA ? (long) p * lda + i : (long) i * lda + p));
          b.position(baseB + (transB ? (long) j * ldb + p : (long) p * ldb + j));
          gemm(opA, opB, rows, columns, Math.min(depth, k - p), a, lda, b, ldb, p == 0 ? 0.0 : 1.0, c, ldc);
        }
      }
    }
    a.position(baseA);
    b.position(baseB);
    c.position(baseC);
  }
}
